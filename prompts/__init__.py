"""Versioned prompt files (`extract.v<N>.md` with `extract.v<N>.examples.json`), shipped as
package data so a wheel install finds them; `service.prompts` loads them."""
