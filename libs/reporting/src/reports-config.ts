/** Injection token of the reports configuration (config.reports). */
export const REPORTS_CONFIG = Symbol('REPORTS_CONFIG');
