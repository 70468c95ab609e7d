import { t } from '../../../browser/i18n';
import type { GraphNode } from '../../../engine/links';
import { indicatorTypeLabel } from '../../shared/indicator-labels';

/** A node's label for people: sellers are numbered in the UI language. */
export function nodeLabel(node: Pick<GraphNode, 'id' | 'type' | 'label' | 'indicatorType'>): string {
  if (node.type === 'seller' && /^Seller \d+$/.test(node.label)) return t('lkSellerN', node.id.slice('seller:'.length));
  if (node.type === 'indicator' && node.indicatorType) return `${indicatorTypeLabel(node.indicatorType)} ${node.label}`;
  return node.label;
}

export function nodeTypeLabel(type: GraphNode['type']): string {
  switch (type) {
    case 'seller':
      return t('lkNodeSeller');
    case 'capture':
      return t('lkNodeCapture');
    case 'indicator':
      return t('lkNodeIndicator');
    case 'site':
      return t('lkNodeSite');
  }
}
