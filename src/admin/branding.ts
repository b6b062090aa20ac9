// The plugin's branding (AdminJS `branding` option): the name, a small logo on the login page and
// in the sidebar instead of AdminJS' own, and a favicon. Both images are inline SVG data URIs, so
// the host serves no extra files.
import type { BrandingOptions } from 'adminjs';

const PRIMARY = '#3040D6'; // AdminJS' primary100
const TEXT = '#0C1E29'; // AdminJS' grey100

/** A speech bubble with three dots. */
const BUBBLE = `<path d="M6 4h20a4 4 0 0 1 4 4v13a4 4 0 0 1-4 4H14l-6.5 5.2A1 1 0 0 1 6 29.4V25a4 4 0 0 1-4-4V8a4 4 0 0 1 4-4z" fill="${PRIMARY}"/>`
  + '<circle cx="10" cy="14.5" r="2" fill="#fff"/><circle cx="16" cy="14.5" r="2" fill="#fff"/><circle cx="22" cy="14.5" r="2" fill="#fff"/>';

const LOGO_SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="170" height="34" viewBox="0 0 170 34">'
  + BUBBLE
  + `<text x="40" y="23" textLength="128" lengthAdjust="spacingAndGlyphs" font-family="Roboto, 'Helvetica Neue', Arial, sans-serif" font-size="19" font-weight="700" fill="${TEXT}">Online chats</text>`
  + '</svg>';

const FAVICON_SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="32" height="32" viewBox="0 0 32 32">${BUBBLE}</svg>`;

const dataUri = (svg: string): string => `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;

export const branding: BrandingOptions = {
  companyName: 'Online chats',
  logo: dataUri(LOGO_SVG),
  favicon: dataUri(FAVICON_SVG),
  withMadeWithLove: false,
};
