import type { FastifySwaggerUiOptions } from '@fastify/swagger-ui';

/**
 * How /api/docs looks: Seatkeeper's name and mark instead of Fastify's, and swagger-ui made to meet
 * WCAG 2.2 AA (test/e2e/every-page.e2e.test.ts runs axe on it). Everything is served as files
 * from /api/docs/static/theme/, so the CSP's `script-src 'self'` holds (no inline script).
 */

/** The console's favicon mark (three seats on a blue tile), then the product's name, white on swagger-ui's dark top bar. */
const LOGO_SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="230" height="40" viewBox="0 0 230 40">
<g transform="translate(2 4) scale(2)"><rect width="16" height="16" rx="3" fill="#1c72bd"/>
<path d="M4 11V5h2v6zm3 0V5h2v6zm3 0V5h2v6z" fill="#fff"/></g>
<text x="44" y="27" font-family="system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif" font-size="20" font-weight="700" fill="#fff">Seatkeeper API</text>
</svg>`;

const FAVICON_SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><rect width="16" height="16" rx="3" fill="#1c72bd"/>
<path d="M4 11V5h2v6zm3 0V5h2v6zm3 0V5h2v6z" fill="#fff"/></svg>`;

/**
 * swagger-ui's colours that fall below 4.5:1 for their text, replaced by darker ones of the same hue
 * (white on each method badge from 5:1 up); the top bar's "Explore" field hidden: the page
 * documents this server's API only, and the field had no label; the "Copy path" button always
 * shown at 24px (it was 0px wide until hovered, yet reachable by Tab: an invisible focus); the
 * answers' table kept to the page's width (a documented header such as Retry-After made it wider
 * than a 390 px phone, which then scrolled sideways).
 */
const THEME_CSS = `
.swagger-ui .opblock.opblock-get .opblock-summary-method { background: #1864ab; }
.swagger-ui .opblock.opblock-post .opblock-summary-method { background: #237032; }
.swagger-ui .opblock.opblock-put .opblock-summary-method { background: #a8560d; }
.swagger-ui .opblock.opblock-delete .opblock-summary-method { background: #c92a2a; }
.swagger-ui .opblock.opblock-patch .opblock-summary-method { background: #087f5b; }
.swagger-ui .opblock.opblock-head .opblock-summary-method { background: #5f3dc4; }
.swagger-ui .opblock.opblock-options .opblock-summary-method { background: #0b7285; }
.swagger-ui .info .title small pre { background: #495057; }
.swagger-ui .info .title small.version-stamp { background: #3b6e00; }
.swagger-ui .info .title small.version-stamp pre { background: #3b6e00; }
.swagger-ui .info a, .swagger-ui .info .url, .swagger-ui .info .link { color: #1864ab; }
.swagger-ui .btn.authorize { color: #237032; border-color: #237032; }
.swagger-ui .btn.authorize svg { fill: #237032; }
.swagger-ui .json-schema-2020-12-expand-deep-button { color: #495057; }
.swagger-ui .parameter__in, .swagger-ui .parameter__deprecated { color: #595959; }
.swagger-ui .btn.cancel { color: #c92a2a; border-color: #c92a2a; }
.swagger-ui .btn.execute { background: #1864ab; border-color: #1864ab; }
.swagger-ui .opblock .opblock-summary .view-line-link.copy-to-clipboard { width: 24px; margin: 0 5px; transition: none; }
.swagger-ui .topbar .download-url-wrapper { display: none; }
.swagger-ui .topbar-wrapper a.link img { height: 40px; }
.swagger-ui table.responses-table { table-layout: fixed; width: 100%; }
.swagger-ui table.responses-table td, .swagger-ui table.headers td { overflow-wrap: anywhere; }
.swagger-ui table.responses-table td.response-col_status { width: 4.5em; }
.swagger-ui table.responses-table td.response-col_links { width: 5em; }
`;

/**
 * What swagger-ui leaves unnamed or unreachable, fixed after every render (it redraws as sections
 * open): the logo image (the top bar link's only content), the servers list, each parameter's
 * list of values and each answer's list of examples, the Authorize dialog's close button and its
 * "Authorize" buttons (named "Apply credentials", which is not what they say), and the code
 * samples, which scroll and so must take the keyboard's focus.
 */
const THEME_JS = `(function () {
  function each(selector, fix) {
    document.querySelectorAll(selector).forEach(fix);
  }
  function name(element, label) {
    if (!element.hasAttribute('aria-label')) element.setAttribute('aria-label', label);
  }
  function repair() {
    each('.topbar-wrapper img:not([alt])', function (logo) { logo.alt = 'Seatkeeper API'; });
    each('#servers', function (select) { name(select, 'Server'); });
    each('tr[data-param-name] select', function (select) {
      name(select, select.closest('tr').getAttribute('data-param-name'));
    });
    each('.examples-select-element', function (select) { name(select, 'Example'); });
    each('.close-modal', function (button) { name(button, 'Close'); });
    each('.authorize[aria-label="Apply credentials"]', function (button) { button.removeAttribute('aria-label'); });
    each('.highlight-code > pre:not([tabindex]), pre.microlight:not([tabindex])', function (code) { code.tabIndex = 0; });
  }
  new MutationObserver(repair).observe(document.body, { childList: true, subtree: true });
})();
`;

export const apiDocsPageOptions: Pick<FastifySwaggerUiOptions, 'theme' | 'logo' | 'uiConfig'> = {
  theme: {
    title: 'Seatkeeper API',
    css: [{ filename: 'seatkeeper.css', content: THEME_CSS }],
    js: [{ filename: 'seatkeeper.js', content: THEME_JS }],
    favicon: [{ filename: 'favicon.svg', rel: 'icon', type: 'image/svg+xml', sizes: 'any', content: FAVICON_SVG }],
  },
  logo: { type: 'image/svg+xml', content: LOGO_SVG, href: '/api/docs' },
  // Deep links put a link inside each operation's toggle button (a control inside a control, which
  // screen readers cannot reach, and a 14px-high target); without them every operation still opens.
  // Syntax colours in the code samples fall to 3.5:1 on their dark background; plain text reads at 12:1.
  uiConfig: { deepLinking: false, syntaxHighlight: false },
};
