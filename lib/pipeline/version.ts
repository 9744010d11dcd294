import pkg from '../../package.json' with { type: 'json' };

/** The version printed in reports and run records. */
export const SOFTWARE_VERSION: string = `${pkg.name} ${pkg.version}`;
