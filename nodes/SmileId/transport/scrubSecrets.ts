/** Secrets out of Smile ID's answers: nothing it echoes of the API key or the signature is handed on. */

const REDACTED = '[redacted]';
/** Deeper than any Smile ID answer; deeper parts are dropped so that nothing downstream overflows its stack. */
const MAX_DEPTH = 64;

/** Every way a secret may come back quoted: as sent, URL-encoded, or with JSON-escaped slashes. */
function secretForms(secrets: string[]): string[] {
	const forms = secrets
		.filter((secret) => secret.length >= 4)
		.flatMap((secret) => [secret, encodeURIComponent(secret), secret.replace(/\//g, '\\/')]);
	return [...new Set(forms)].sort((a, b) => b.length - a.length);
}

function scrubText(text: string, forms: string[]): string {
	return forms.reduce((scrubbed, form) => scrubbed.split(form).join(REDACTED), text);
}

/** A copy of what Smile ID said with every secret replaced, in keys and values, at any depth. */
export function scrubSecrets<T>(value: T, secrets: string[]): T {
	const forms = secretForms(secrets);
	const scrub = (item: unknown, depth: number): unknown => {
		if (typeof item === 'string') return scrubText(item, forms);
		if (item && typeof item === 'object' && depth >= MAX_DEPTH) return '[nested too deep]';
		if (Array.isArray(item)) return item.map((entry) => scrub(entry, depth + 1));
		if (item && typeof item === 'object') {
			return Object.fromEntries(
				Object.entries(item).map(([key, entry]) => [
					scrubText(key, forms),
					scrub(entry, depth + 1),
				]),
			);
		}
		return item;
	};
	return scrub(value, 0) as T;
}
