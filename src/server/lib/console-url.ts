/**
 * A console page's address under PUBLIC_URL, keeping its path: with PUBLIC_URL
 * https://example.com/seatkeeper, "device" and "/device" both give
 * https://example.com/seatkeeper/device (one slash between them, whatever either side has).
 * `path` may carry a query ("device?code=…"); PUBLIC_URL's own query and fragment are dropped.
 */
export function consoleUrl(publicUrl: URL, path: string): string {
  const basePath = publicUrl.pathname.endsWith('/') ? publicUrl.pathname : `${publicUrl.pathname}/`;
  // "./" keeps a first segment with a colon from reading as a scheme.
  return new URL(`./${path.replace(/^\/+/, '')}`, `${publicUrl.origin}${basePath}`).toString();
}
