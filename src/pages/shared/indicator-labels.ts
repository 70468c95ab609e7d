import { t } from '../../browser/i18n';
import { knownBrandName } from '../../engine/indicators/brand-names';
import type { Indicator, IndicatorType } from '../../engine/indicators/types';
import type { IndicatorGroupName, Reason } from './findings-view';

/** The indicator type in words ("Phone", "Payment", ...). */
export function indicatorTypeLabel(type: IndicatorType | string): string {
  switch (type) {
    case 'phone':
      return t('lkTypePhone');
    case 'email':
      return t('lkTypeEmail');
    case 'messenger':
      return t('lkTypeMessenger');
    case 'social':
      return t('lkTypeSocial');
    case 'crypto':
      return t('lkTypeCrypto');
    case 'payment':
      return t('indTypePayment');
    case 'price':
      return t('indTypePrice');
    case 'shipping':
      return t('indTypeShipping');
    default:
      return type;
  }
}

/** What an indicator is, as short as it can be said: the messenger or network by name, else its type. */
export function indicatorKindLabel(i: Indicator): string {
  const d = i.details as { platform?: string; chain?: string } | undefined;
  const brand = d?.platform ?? d?.chain;
  return (brand && knownBrandName(brand)) || indicatorTypeLabel(i.type);
}

export function indicatorGroupLabel(group: IndicatorGroupName): string {
  switch (group) {
    case 'contact':
      return t('indGroupContact');
    case 'payment':
      return t('indGroupPayment');
    case 'wallet':
      return t('indGroupWallet');
    case 'shipping':
      return t('indGroupShipping');
  }
}

/** A verdict's reason in words; species and products carry their strictest appendix when one is known. */
export function reasonLabel(reason: Reason, appendix?: string): string {
  switch (reason) {
    case 'species':
      return appendix ? t('reasonSpeciesAppendix', appendix) : t('reasonSpecies');
    case 'product':
      return appendix ? t('reasonProductAppendix', appendix) : t('reasonProduct');
    case 'disguise':
      return t('reasonDisguise');
    case 'code-word':
      return t('reasonCodeWord');
    case 'sale':
      return t('reasonSale');
    case 'buy':
      return t('reasonBuy');
    case 'contact':
      return t('reasonContact');
    case 'price':
      return t('reasonPrice');
    case 'payment':
      return t('reasonPayment');
    case 'shipping':
      return t('reasonShipping');
    case 'cover':
      return t('reasonCover');
  }
}
