import { config } from 'zod';

/**
 * zod compiles its object parsers with `new Function` after probing whether that is allowed. Under a
 * strict CSP (no 'unsafe-eval': the demo page's, any careful operator's, every extension page's) the
 * probe's caught throw is still reported as a securitypolicyviolation, so the classifier's zod runs in
 * its interpreted mode: identical results, no probe.
 */
config({ jitless: true });
