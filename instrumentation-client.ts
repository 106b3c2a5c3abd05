import { z } from "zod";

// zod probes whether it may compile parsers with `new Function`; under the Content-Security-Policy
// the probe is refused and reported as a violation. Runs before any page module builds a schema.
z.config({ jitless: true });
