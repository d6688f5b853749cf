const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });
const absolute = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

const units: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
];

/** "just now", "5 minutes ago", "yesterday"… */
export function relativeTime(iso: string | undefined, now = Date.now()): string {
  if (!iso) return '';
  const then = Date.parse(iso);
  if (Number.isNaN(then)) return '';
  const seconds = Math.round((then - now) / 1000);
  if (Math.abs(seconds) < 45) return 'just now';
  for (const [unit, size] of units) {
    if (Math.abs(seconds) >= size || unit === 'minute') {
      return relative.format(Math.round(seconds / size), unit);
    }
  }
  return 'just now';
}

export function absoluteTime(iso: string | undefined): string {
  if (!iso) return '';
  const then = Date.parse(iso);
  return Number.isNaN(then) ? '' : absolute.format(then);
}

/** https://acme.okta.com/ -> acme.okta.com (the port stays for the sandbox's loopback servers). */
export function hostOf(url: string | undefined): string {
  if (!url) return '';
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

export function instanceLabel(instance: string): string {
  return instance.toUpperCase();
}

export function portalApiHost(instance: string): string {
  return `portalapi.${instance.toLowerCase()}.threatlocker.com`;
}

export { plural } from '../../shared/plural';
