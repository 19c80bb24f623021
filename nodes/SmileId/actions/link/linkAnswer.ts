import type { IDataObject } from 'n8n-workflow';

/**
 * Reading Smile ID's answers about links. Their shapes are UNKNOWN beyond the URL and `ref_id`
 * (shared/reference/smile-id-api.md): the URL is read from `link`, else `link_url` (else `url`),
 * a link from the answer itself or from a `data` / `smile_link` object inside it, a list from the
 * answer's `links`, `smile_links`, `data`, `results` or `items` list (the transport reads a bare
 * list answer as `{items: [...]}`).
 */

/** The most links read from one answer. */
export const MAX_LINKS = 10_000;

const isObject = (value: unknown): value is IDataObject =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

const text = (value: unknown): string | null =>
	typeof value === 'string' && value.trim() !== '' ? value.trim() : null;

const isWebUrl = (value: string | null): value is string =>
	value !== null && URL.canParse(value) && /^https?:$/.test(new URL(value).protocol);

/** The link's URL: `link` preferred, then `link_url`, then `url`; only an http(s) URL counts. */
export function linkUrlOf(link: IDataObject): string | null {
	return [link.link, link.link_url, link.url].map(text).find(isWebUrl) ?? null;
}

/** The object describing one link: the answer, or its `data` / `smile_link` part. */
export function linkObjectOf(body: unknown): IDataObject | undefined {
	if (!isObject(body)) return undefined;
	for (const inner of [body.smile_link, body.data])
		if (isObject(inner) && (inner.ref_id !== undefined || linkUrlOf(inner))) return inner;
	return body;
}

/** The links of a list answer, or undefined when the answer holds no list. */
export function linkListOf(body: unknown): IDataObject[] | undefined {
	if (!isObject(body)) return undefined;
	const list = [body.links, body.smile_links, body.data, body.results, body.items].find(
		Array.isArray,
	);
	return list?.slice(0, MAX_LINKS).filter(isObject);
}

const booleanOf = (value: unknown): boolean | null =>
	typeof value === 'boolean' ? value : value === 'true' ? true : value === 'false' ? false : null;

function idTypesOf(value: unknown): IDataObject[] {
	if (!Array.isArray(value)) return [];
	return value.filter(isObject).map((t) => ({
		country: text(t.country),
		idType: text(t.id_type),
		verificationMethod: text(t.verification_method),
	}));
}

/** One link as the node outputs it; what the answer leaves out is null (or `known`, what the node sent). */
export function linkOutput(link: IDataObject, known: IDataObject = {}): IDataObject {
	return {
		refId: text(link.ref_id) ?? known.refId ?? null,
		url: linkUrlOf(link) ?? known.url ?? null,
		userId: text(link.user_id) ?? known.userId ?? null,
		singleUse: booleanOf(link.is_single_use) ?? known.singleUse ?? null,
		expiresAt: text(link.expires_at) ?? known.expiresAt ?? null,
		disabled: booleanOf(link.is_disabled) ?? known.disabled ?? null,
		name: text(link.name) ?? known.name ?? null,
		companyName: text(link.company_name) ?? known.companyName ?? null,
		idTypes: Array.isArray(link.id_types) ? idTypesOf(link.id_types) : (known.idTypes ?? []),
		callbackUrl: text(link.callback_url) ?? known.callbackUrl ?? null,
		partnerParams: isObject(link.partner_params)
			? link.partner_params
			: (known.partnerParams ?? {}),
		createdAt: text(link.created_at),
	};
}
