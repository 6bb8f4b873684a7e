// The console's pages, one line each, in navigation order. A page is a module under pages/
// exporting its page object (see docs/console.md, "Adding a page").
export default [
  () => import('./home.js'),
  () => import('./audit.js'),
  () => import('./registration.js'),
  () => import('./certificates.js'),
  () => import('./authorization.js'),
  () => import('./people.js'),
  () => import('./applications.js'),
  () => import('./departments.js'),
];
