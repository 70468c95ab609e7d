/**
 * The design system's colour pairs meet WCAG 2.1 AA in the light and the dark scheme, and its
 * files stay self-contained (report.html embeds them inline: no url(), no @import).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const DESIGN = resolve(import.meta.dirname, '../../src/design');
const tokensCss = readFileSync(resolve(DESIGN, 'tokens.css'), 'utf8');
const componentsCss = readFileSync(resolve(DESIGN, 'components.css'), 'utf8');

/** The `--wt-*` hex colours declared in a block of CSS. */
function colours(block: string): Record<string, string> {
  return Object.fromEntries([...block.matchAll(/(--wt-[\w-]+):\s*(#[0-9a-f]{6})\s*;/gi)].map((m) => [m[1], m[2]]));
}

const light = colours(tokensCss.slice(0, tokensCss.indexOf('@media')));
const dark = { ...light, ...colours(tokensCss.slice(tokensCss.indexOf('@media'))) };

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG contrast ratio of two #rrggbb colours. */
function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

const TEXT = 4.5;
const UI = 3;
/** [foreground, background, minimum ratio]: text on every surface it is used on, controls at 3:1. */
const PAIRS: [string, string, number][] = [
  ...['--wt-bg', '--wt-surface', '--wt-surface-raised'].flatMap((bg): [string, string, number][] => [
    ['--wt-text', bg, TEXT],
    ['--wt-text-muted', bg, TEXT],
    ['--wt-link', bg, TEXT],
    ['--wt-danger', bg, TEXT],
    ['--wt-success', bg, TEXT],
    ['--wt-warning', bg, TEXT],
    ['--wt-risk-high', bg, TEXT],
    ['--wt-risk-mid', bg, TEXT],
    ['--wt-risk-low', bg, TEXT],
    ['--wt-focus', bg, UI],
    ['--wt-border-strong', bg, UI],
  ]),
  ['--wt-on-accent', '--wt-accent', TEXT],
  ['--wt-on-accent', '--wt-accent-hover', TEXT],
  ['--wt-on-danger', '--wt-danger', TEXT],
  ['--wt-on-danger', '--wt-danger-hover', TEXT],
  ['--wt-app1-text', '--wt-app1-bg', TEXT],
  ['--wt-app2-text', '--wt-app2-bg', TEXT],
  ['--wt-app3-text', '--wt-app3-bg', TEXT],
  ['--wt-success', '--wt-success-soft', TEXT],
  ['--wt-danger', '--wt-danger-soft', TEXT],
  ['--wt-warning', '--wt-warning-soft', TEXT],
  ['--wt-info', '--wt-info-soft', TEXT],
  ['--wt-mark-text', '--wt-mark-bg', TEXT],
];

describe('design tokens', () => {
  it.each([
    ['light', light],
    ['dark', dark],
  ] as const)('%s: every colour pair meets WCAG AA', (_scheme, scheme) => {
    const failing = PAIRS.filter(([fg, bg, min]) => {
      expect(scheme[fg], fg).toMatch(/^#/);
      expect(scheme[bg], bg).toMatch(/^#/);
      return contrast(scheme[fg], scheme[bg]) < min;
    }).map(([fg, bg, min]) => `${fg} on ${bg}: ${contrast(scheme[fg], scheme[bg]).toFixed(2)} < ${min}`);
    expect(failing).toEqual([]);
  });

  it('the dark scheme overrides every colour of the light one', () => {
    const darkOnly = colours(tokensCss.slice(tokensCss.indexOf('@media')));
    expect(Object.keys(light).filter((k) => !(k in darkOnly))).toEqual([]);
  });

  it('sets the base text size on body (Chrome shrinks extension pages to 75 % there)', () => {
    expect(componentsCss).toMatch(/\nbody \{[^}]*font-size: var\(--wt-text-base\)/);
    expect(tokensCss).toMatch(/--wt-text-base: 1[45]px;/);
  });

  it.each([
    ['tokens.css', tokensCss],
    ['components.css', componentsCss],
  ])('%s is self-contained', (_name, css) => {
    expect(css.replace(/\/\*[\s\S]*?\*\//g, '')).not.toMatch(/url\(|@import/);
  });
});
