/**
 * Smile Links (see ../links.ts) on the job API host: POST /v1/smile_links creates, GET
 * /v1/smile_links lists the partner's links, GET /v1/smile_links/:refId reads one, PUT
 * /v1/smile_links/:refId updates one (`is_disabled: true` disables it). The link's page and its
 * completion live at the link's URL; /__sandbox/links shows them and /__sandbox/link-shape picks
 * the key the URL is answered under.
 */
import { clone, json } from '../answer';
import type { Answer } from '../answer';
import { linkPage } from '../linkPage';
import type { LinkUrlField, Verdict } from '../links';
import {
	LINK_URL_FIELDS,
	VERDICTS,
	completeLink,
	createLink,
	createProblem,
	findLink,
	linkAnswer,
	linkUnusable,
} from '../links';
import { JOB_API_SIGNED_FIELDS, authenticateJobApi, checkFields, notFound, refuse } from '../smile';
import type { ApiContext, ApiResult, ParsedBody } from '../smile';
import { ADMIN_PREFIX } from './admin';
import { adminRoute, smileRoute } from './route';

export const SMILE_LINKS_PATH = '/v1/smile_links';

const SIGNED_STRINGS = [
	...JOB_API_SIGNED_FIELDS,
	'environment',
	'source_sdk',
	'source_sdk_version',
];
const CREATE_REQUIRED = [...JOB_API_SIGNED_FIELDS, 'name', 'company_name', 'expires_at'];
const CREATE_STRINGS = [
	...SIGNED_STRINGS,
	'name',
	'company_name',
	'expires_at',
	'callback_url',
	'user_id',
	'data_privacy_policy_url',
	'logo_url',
];

/** Checks the fields, then authenticates; the body on success. */
function signedBody(
	parsed: ParsedBody,
	ctx: ApiContext,
	own: (body: Record<string, unknown>) => ApiResult | null = () => null,
	required = JOB_API_SIGNED_FIELDS,
	strings = SIGNED_STRINGS,
): Record<string, unknown> | ApiResult {
	const checked = checkFields(parsed, required, strings);
	if ('kind' in checked) return checked;
	return own(checked.body) ?? authenticateJobApi(checked.body, ctx) ?? checked.body;
}

const isResult = (v: Record<string, unknown> | ApiResult): v is ApiResult =>
	v.kind === 'refusal' || v.kind === 'success';

function handleCreate(parsed: ParsedBody, ctx: ApiContext): ApiResult {
	const body = signedBody(
		parsed,
		ctx,
		(b) => createProblem(b, ctx.nowMs),
		CREATE_REQUIRED,
		CREATE_STRINGS,
	);
	if (isResult(body)) return body;
	const link = createLink(ctx, body.partner_id as string, body, ctx.nowMs);
	return {
		kind: 'success',
		body: { success: true, ref_id: link.record.ref_id, [ctx.linkUrlField]: link.url },
	};
}

function handleList(parsed: ParsedBody, ctx: ApiContext): ApiResult {
	const body = signedBody(parsed, ctx);
	if (isResult(body)) return body;
	const links = ctx.links.filter((l) => l.partnerId === body.partner_id);
	return { kind: 'success', body: { links: links.map((l) => linkAnswer(ctx, l)) } };
}

function handleGet(parsed: ParsedBody, ctx: ApiContext, params: Record<string, string>): ApiResult {
	const body = signedBody(parsed, ctx);
	if (isResult(body)) return body;
	const link = findLink(ctx, body.partner_id as string, params.refId);
	if (!link) return notFound('Smile Link not found', `no link ${params.refId} for this partner`);
	return { kind: 'success', body: linkAnswer(ctx, link) };
}

function handleUpdate(
	parsed: ParsedBody,
	ctx: ApiContext,
	params: Record<string, string>,
): ApiResult {
	const body = signedBody(parsed, ctx, (b) =>
		b.is_disabled !== undefined && typeof b.is_disabled !== 'boolean'
			? refuse('2204', 'is_disabled is not a boolean', 'is_disabled')
			: null,
	);
	if (isResult(body)) return body;
	const link = findLink(ctx, body.partner_id as string, params.refId);
	if (!link) return notFound('Smile Link not found', `no link ${params.refId} for this partner`);
	if (typeof body.is_disabled === 'boolean') link.record.is_disabled = body.is_disabled;
	return { kind: 'success', body: linkAnswer(ctx, link) };
}

const html = (text: string, status = 200): Answer => ({
	status,
	raw: { text, contentType: 'text/html; charset=utf-8' },
});

export const linkRoutes = [
	smileRoute(
		SMILE_LINKS_PATH,
		'Smile ID job API: create a Smile Link -> {success, ref_id, link}',
		handleCreate,
	),
	smileRoute(
		SMILE_LINKS_PATH,
		"Smile ID job API: the partner's Smile Links (signed fields in the query)",
		handleList,
		'GET',
	),
	smileRoute(
		`${SMILE_LINKS_PATH}/:refId`,
		'Smile ID job API: one Smile Link (signed fields in the query)',
		handleGet,
		'GET',
	),
	smileRoute(
		`${SMILE_LINKS_PATH}/:refId`,
		'Smile ID job API: update a Smile Link ({is_disabled: true} disables it)',
		handleUpdate,
		'PUT',
	),
	adminRoute(
		'GET',
		'/links/:partnerId/:refId',
		"a link's page: complete it with a chosen verdict",
		({ params }, state) => {
			const link = findLink(state, params.partnerId, params.refId);
			if (!link)
				return html('<!DOCTYPE html><p id="link-page" data-state="error">No such link</p>', 404);
			return html(linkPage(link, linkUnusable(link, state.now())));
		},
	),
	adminRoute(
		'POST',
		'/links/:partnerId/:refId/complete',
		'complete a link: {verdict: approved|provisional|rejected, idTypeIndex?} -> 201 {job, deliveries}',
		async (request, state) => {
			const link = findLink(state, request.params.partnerId, request.params.refId);
			if (!link) return json({ error: 'No such link' }, 404);
			const b = (request.body() ?? {}) as Record<string, unknown>;
			if (!VERDICTS.includes(b.verdict as Verdict))
				return json({ error: `verdict must be one of ${VERDICTS.join(', ')}` }, 400);
			const unusable = linkUnusable(link, state.now());
			if (unusable) return json({ error: unusable }, 410);
			const index = typeof b.idTypeIndex === 'number' ? b.idTypeIndex : 0;
			return json(await completeLink(state, link, b.verdict as Verdict, index), 201);
		},
	),
	adminRoute(
		'GET',
		`${ADMIN_PREFIX}/links`,
		'every Smile Link, its URL and the SmileJobIDs completed through it',
		(_, state) => json(clone(state.links)),
	),
	adminRoute(
		'POST',
		`${ADMIN_PREFIX}/link-shape`,
		"the key links' URLs are answered under: {field: 'link' | 'link_url'}",
		(request, state) => {
			const field = ((request.body() ?? {}) as Record<string, unknown>).field as LinkUrlField;
			if (!LINK_URL_FIELDS.includes(field))
				return json({ error: `field must be one of ${LINK_URL_FIELDS.join(', ')}` }, 400);
			state.linkUrlField = field;
			return json({ ok: true, field });
		},
	),
];
