// Strings come from resource files, one per page per language: i18n/<lang>/<page>.json, a flat
// object of keys to strings with {name} placeholders. A key missing in a language falls back to
// English, and a key missing there shows as itself, so a gap is visible rather than blank.

export const languages = [
  { tag: 'en', name: 'English' },
  { tag: 'zh-CN', name: '中文（简体）' },
];

const cache = new Map();

async function load(lang, namespace) {
  const key = `${lang}/${namespace}`;
  if (!cache.has(key)) {
    cache.set(key, fetch(`/console/i18n/${lang}/${namespace}.json`)
      .then((response) => (response.ok ? response.json() : {}))
      .catch(() => ({})));
  }
  return cache.get(key);
}

/** A translate function for one namespace (a page id, or 'shell'): t('key', { name: value }). */
export async function translator(lang, namespace) {
  const [strings, english] = await Promise.all([load(lang, namespace), lang === 'en' ? null : load('en', namespace)]);
  return (key, params = {}) => {
    const template = strings[key] ?? english?.[key] ?? key;
    return template.replace(/\{(\w+)\}/g, (whole, name) => (name in params ? String(params[name]) : whole));
  };
}

/** The language in use: the person's choice in this browser, else what the server negotiated. */
export function currentLanguage() {
  const chosen = localStorage.getItem('console.lang');
  if (languages.some((l) => l.tag === chosen)) return chosen;
  const negotiated = document.documentElement.lang;
  return languages.some((l) => l.tag === negotiated) ? negotiated : 'en';
}

/** Keeps the person's choice and says it on the page. */
export function chooseLanguage(tag) {
  localStorage.setItem('console.lang', tag);
  document.documentElement.lang = tag;
}

/** Formats a time for the page's language, in the browser's time zone. */
export function formatTime(lang, iso) {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString(lang, { dateStyle: 'medium', timeStyle: 'medium' });
}
