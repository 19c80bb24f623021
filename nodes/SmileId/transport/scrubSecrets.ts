/** Secrets out of Smile ID's answers: nothing it echoes of the API key or the signature is handed on. */

const REDACTED = '[redacted]';
/** Standard base64 with its padding, as the signature is written. */
const STANDARD_BASE64 = /^(?:[A-Za-z0-9+/]{4})+(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
/** Deeper than any Smile ID answer; deeper parts are dropped so that nothing downstream overflows its stack. */
const MAX_DEPTH = 64;

const lowerEscapes = (text: string) =>
	text.replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase());

/** Bytes written as base64 (with and without padding), base64url (both ways) and hex (both cases). */
function byteForms(bytes: Buffer): string[] {
	const base64 = bytes.toString('base64');
	const base64url = bytes.toString('base64url');
	const hex = bytes.toString('hex');
	return [
		base64,
		base64.replace(/=+$/, ''),
		base64url,
		`${base64url}${base64.slice(base64url.length)}`,
		hex,
		hex.toUpperCase(),
	];
}

/**
 * Every way a secret may come back quoted, on its own: as sent; with JSON-escaped slashes; with
 * `+` read as a space (a form decoder); URL-encoded once or twice, with upper- or lower-case
 * escapes; and its bytes (the text's, and for a base64 secret such as the signature the bytes it
 * encodes: the HMAC) in base64, base64url, with or without padding, and hex in either case.
 */
function secretForms(secrets: string[]): string[] {
	const forms = secrets
		.filter((secret) => secret.length >= 4)
		.flatMap((secret) => {
			const once = encodeURIComponent(secret);
			const twice = encodeURIComponent(once);
			const decoded = STANDARD_BASE64.test(secret) ? [Buffer.from(secret, 'base64')] : [];
			return [
				secret,
				secret.replace(/\//g, '\\/'),
				secret.replace(/\+/g, ' '),
				...[once, twice].flatMap((encoded) => [encoded, lowerEscapes(encoded)]),
				...[Buffer.from(secret, 'utf8'), ...decoded].flatMap(byteForms),
			];
		})
		.filter((form) => form.length >= 4);
	return [...new Set(forms)].sort((a, b) => b.length - a.length);
}

/** One pattern for all the forms, longest first: each text is read once, whatever the number of forms. */
function patternOf(secrets: string[]): RegExp | undefined {
	const forms = secretForms(secrets);
	if (forms.length === 0) return undefined;
	return new RegExp(
		forms.map((form) => form.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'),
		'g',
	);
}

/** A copy of what Smile ID said with every secret replaced, in keys and values, at any depth. */
export function scrubSecrets<T>(value: T, secrets: string[]): T {
	const pattern = patternOf(secrets);
	const scrubText = (text: string) => (pattern ? text.replace(pattern, REDACTED) : text);
	const scrub = (item: unknown, depth: number): unknown => {
		if (typeof item === 'string') return scrubText(item);
		if (item && typeof item === 'object' && depth >= MAX_DEPTH) return '[nested too deep]';
		if (Array.isArray(item)) return item.map((entry) => scrub(entry, depth + 1));
		if (item && typeof item === 'object') {
			return Object.fromEntries(
				Object.entries(item).map(([key, entry]) => [scrubText(key), scrub(entry, depth + 1)]),
			);
		}
		return item;
	};
	return scrub(value, 0) as T;
}
