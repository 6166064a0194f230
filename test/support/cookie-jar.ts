/** A browser's cookies, by host (not port, as browsers do) and path; written by hand for these flows. */
export class CookieJar {
  private cookies: { host: string; path: string; name: string; value: string }[] = [];

  header(url: URL): string {
    return this.cookies
      .filter((c) => c.host === url.hostname && url.pathname.startsWith(c.path))
      .map((c) => `${c.name}=${c.value}`)
      .join('; ');
  }

  store(url: URL, setCookies: string[]): void {
    for (const line of setCookies) {
      const [pair, ...attrs] = line.split(';').map((s) => s.trim());
      const at = pair.indexOf('=');
      const name = pair.slice(0, at);
      const attr = (key: string) =>
        attrs.find((a) => a.toLowerCase().startsWith(`${key}=`))?.slice(key.length + 1);
      const path = attr('path') ?? (url.pathname.replace(/\/[^/]*$/, '') || '/');
      const expires = attr('expires');
      const gone = attr('max-age') === '0' || (expires !== undefined && Date.parse(expires) < Date.now());
      this.cookies = this.cookies.filter(
        (c) => !(c.name === name && c.path === path && c.host === url.hostname),
      );
      if (!gone) this.cookies.push({ host: url.hostname, path, name, value: pair.slice(at + 1) });
    }
  }
}
