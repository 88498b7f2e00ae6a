// CommonJS packages whose type declarations say `export default` while their runtime sets
// module.exports: under NodeNext the default import is the whole module object, with or
// without a `default` member depending on the bundler that built it.
export function interopDefault<T>(mod: T | { default: T }): T {
  const m = mod as { default?: T };
  return (m && typeof m === 'object' && 'default' in m && m.default ? m.default : mod) as T;
}
