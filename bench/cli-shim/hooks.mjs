/** ESM resolve hook for register.mjs: `react` imported by ink resolves from @oclif/table. */
let tableURL = null;
const NEEDS_18 = /\/node_modules\/(ink|react-reconciler)\//;

export function initialize(data) {
  tableURL = data.parentURL;
}

export async function resolve(specifier, context, next) {
  if ((specifier === 'react' || specifier.startsWith('react/')) && context.parentURL && NEEDS_18.test(context.parentURL)) {
    return next(specifier, { ...context, parentURL: tableURL });
  }
  return next(specifier, context);
}
