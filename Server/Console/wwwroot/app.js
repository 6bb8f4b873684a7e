// The console's shell: signs the person in, shows the sections their roles allow, routes
// #/<page>/<rest>?<query> to the page's render(container, context), and keeps the language.

import { h, append, clear } from './lib/dom.js';
import { translator, currentLanguage, chooseLanguage, languages } from './lib/i18n.js';
import * as auth from './lib/auth.js';
import { apiClient } from './lib/api.js';
import registry from './pages/index.js';

const main = document.getElementById('main');
const nav = document.getElementById('nav');
const sessionArea = document.getElementById('session');
const status = document.getElementById('status');

let pages = [];
let shellT;
let renderId = 0;

/** The page may show it; the server still decides (pages only call the public APIs). */
export function allowed(page, user) {
  return !page.roles || page.roles.length === 0 || page.roles.some((role) => user.roles.includes(role));
}

function parseRoute() {
  const hash = location.hash.startsWith('#/') ? location.hash.slice(2) : '';
  const [path, query = ''] = hash.split('?');
  const segments = path.split('/').filter(Boolean).map(decodeURIComponent);
  return { page: segments[0] ?? 'home', path: segments.slice(1), query: new URLSearchParams(query) };
}

/** '#/audit/event/12?x=1' from ('audit', ['event', 12], {x: 1}). */
export function routeHash(page, path = [], query = {}) {
  const search = new URLSearchParams(Object.entries(query).filter(([, v]) => v !== undefined && v !== null && v !== '')).toString();
  return `#/${[page, ...path].map((s) => encodeURIComponent(String(s))).join('/')}${search ? `?${search}` : ''}`;
}

function announce(message) {
  // Cleared first so the same message twice is spoken twice.
  status.textContent = '';
  setTimeout(() => { status.textContent = message; }, 30);
}

// A page module that does not load is left out (and reported), so one broken page never takes the others down.
async function loadPages() {
  const modules = await Promise.all(registry.map((load) => load().catch((failure) => {
    console.error('A console page did not load:', failure.message);
    return null;
  })));
  return modules.filter(Boolean).map((module) => module.default);
}

function renderLanguageSwitcher() {
  const select = h('select', { id: 'language', onchange: async (event) => {
    chooseLanguage(event.target.value);
    await start();
  } }, languages.map((l) => h('option', { value: l.tag, lang: l.tag, selected: l.tag === currentLanguage() }, l.name)));
  return h('span', { class: 'language' }, h('label', { for: 'language' }, shellT('language')), select);
}

function renderSession(user) {
  clear(sessionArea);
  append(sessionArea, [renderLanguageSwitcher()]);
  if (user) {
    append(sessionArea, [
      h('span', { class: 'who', id: 'signed-in-as' }, shellT('signed-in-as', { name: user.name })),
      h('button', { type: 'button', id: 'sign-out', onclick: () => auth.signOut() }, shellT('sign-out')),
    ]);
  }
}

async function renderNav(user, lang) {
  const visible = pages.filter((page) => allowed(page, user));
  const titles = await Promise.all(visible.map(async (page) => (await translator(lang, page.id))(page.title)));
  const current = parseRoute().page;
  clear(nav);
  nav.setAttribute('aria-label', shellT('sections'));
  append(nav, h('ul', {}, visible.map((page, i) => h('li', {},
    h('a', { href: routeHash(page.id), id: `nav-${page.id}`, 'aria-current': page.id === current ? 'page' : null }, titles[i])))));
}

function renderSignedOut(message) {
  clear(nav);
  clear(main);
  append(main, h('section', { class: 'card', 'aria-labelledby': 'welcome' },
    h('h1', { id: 'welcome' }, shellT('welcome')),
    message ? h('p', { class: 'error', role: 'alert', id: 'sign-in-error' }, message) : null,
    h('p', {}, shellT('sign-in-intro')),
    h('button', { type: 'button', id: 'sign-in', class: 'primary', onclick: () => auth.signIn(location.hash) }, shellT('sign-in'))));
}

async function renderRoute(user, lang) {
  const id = ++renderId;
  const route = parseRoute();
  const page = pages.find((p) => p.id === route.page);
  for (const link of nav.querySelectorAll('a')) {
    link.toggleAttribute('aria-current', link.id === `nav-${route.page}`);
    if (link.id === `nav-${route.page}`) link.setAttribute('aria-current', 'page');
  }
  clear(main);
  if (!page || !allowed(page, user)) {
    append(main, h('h1', {}, shellT('not-found-title')), h('p', { id: 'not-allowed' }, shellT('not-found')));
    return;
  }
  const t = await translator(lang, page.id);
  if (id !== renderId) return;
  document.title = `${t(page.title)} · ${shellT('product')}`;
  const container = h('div', { class: 'page', id: `page-${page.id}` });
  main.append(container);
  const context = {
    api: apiClient(() => auth.currentUser()?.accessToken, () => onUnauthorized(), shellT),
    t,
    shellT,
    lang,
    user,
    route,
    navigate: (pageId, path, query) => { location.hash = routeHash(pageId, path, query); },
    href: routeHash,
    announce,
  };
  try {
    await page.render(container, context);
  } catch (failure) {
    append(container, h('p', { class: 'error', role: 'alert' }, failure.message));
  }
  if (id === renderId && !main.contains(document.activeElement)) {
    (main.querySelector('h1') ?? main).focus?.();
  }
}

function onUnauthorized() {
  const user = auth.currentUser();
  auth.forget();
  // A token refused right after sign-in would loop through the provider: say so instead.
  if (user && Date.now() - user.obtainedAt > 10_000) {
    auth.signIn(location.hash);
  } else {
    renderSignedOut(shellT('session-refused'));
  }
}

async function start() {
  const lang = currentLanguage();
  document.documentElement.lang = lang;
  shellT = await translator(lang, 'shell');
  document.getElementById('skip').textContent = shellT('skip');
  document.getElementById('brand').textContent = shellT('product');
  pages = pages.length ? pages : await loadPages();
  let user = auth.currentUser();
  if (user && user.expiresAt <= Date.now()) {
    auth.forget();
    user = null;
  }
  renderSession(user);
  if (!user) {
    renderSignedOut();
    return;
  }
  await renderNav(user, lang);
  await renderRoute(user, lang);
}

document.getElementById('skip').addEventListener('click', (event) => {
  event.preventDefault();
  main.focus();
});

window.addEventListener('hashchange', async () => {
  const user = auth.currentUser();
  if (!user) return;
  await renderRoute(user, currentLanguage());
});

(async () => {
  try {
    shellT = await translator(currentLanguage(), 'shell');
    const route = await auth.completeSignIn();
    if (route !== null) {
      history.replaceState(null, '', `/console${route}`);
    }
    await start();
  } catch (failure) {
    shellT ??= await translator('en', 'shell');
    renderSession(null);
    renderSignedOut(failure.message.startsWith('sign-in-') ? shellT(failure.message) : failure.message);
  }
})();
