// Colours of the components come from the AdminJS theme, never from literals: the theme the page
// runs (AdminJS' default, or one of `availableThemes` such as @adminjs/themes' dark) reaches the
// components through styled-components' ThemeProvider. Design-system props (`color="grey60"`,
// `bg="container"`) resolve against it by themselves; SVG attributes and inline styles take the
// values from useThemeColors().
//
// Keys that read well in AdminJS' light theme and in @adminjs/themes' dark one: text and grey100
// for text, grey60 for secondary text, container and bg for surfaces, border and separator for
// lines. Not these: `white` and Box's variant="card" (stay white in the dark theme), grey80,
// grey40 and grey20 (the dark theme leaves them light, or makes grey40 its page background).
import { theme as defaultTheme } from '@adminjs/design-system';
import { useTheme } from '@adminjs/design-system/styled-components';

export type ThemeColors = typeof defaultTheme.colors;
export type ThemeColor = keyof ThemeColors;

/** The current theme's colours (AdminJS' defaults outside a ThemeProvider). */
export function useThemeColors(): ThemeColors {
  const current = useTheme() as { colors?: Partial<ThemeColors> } | undefined;
  return { ...defaultTheme.colors, ...current?.colors };
}

type Rgb = [number, number, number];

/** `#rgb`, `#rrggbb` or `rgb[a](r, g, b[, a])` as red, green, blue; null for anything else. */
export function parseColor(value: string): Rgb | null {
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(value.trim());
  if (hex) {
    const digits = hex[1].length === 3 ? hex[1].split('').map((d) => d + d) : hex[1].match(/../g) ?? [];
    return digits.map((pair) => parseInt(pair, 16)) as Rgb;
  }
  const rgb = /^rgba?\(\s*([\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)/i.exec(value.trim());
  return rgb ? [Number(rgb[1]), Number(rgb[2]), Number(rgb[3])] : null;
}

/** WCAG contrast ratio of two colours (1 to 21); 1 when either cannot be read. */
export function contrastRatio(a: string, b: string): number {
  const [first, second] = [parseColor(a), parseColor(b)];
  if (!first || !second) return 1;
  const luminance = (rgb: Rgb) => {
    const [r, g, bl] = rgb.map((value) => {
      const c = value / 255;
      return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [lighter, darker] = [luminance(first), luminance(second)].sort((x, y) => y - x);
  return (lighter + 0.05) / (darker + 0.05);
}

/**
 * `preferred` when it is readable as text on `background` (WCAG 4.5:1), else `fallback`: e.g. an
 * error message in the theme's red where the red reads well (light), in the text colour where it
 * does not (the dark theme's red on its dark container).
 */
export function readableColor(colors: ThemeColors, preferred: ThemeColor, background: ThemeColor = 'container', fallback: ThemeColor = 'grey100'): ThemeColor {
  return contrastRatio(colors[preferred], colors[background]) >= 4.5 ? preferred : fallback;
}
