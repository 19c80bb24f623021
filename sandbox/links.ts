/**
 * Smile Links in the sandbox: a hosted verification page a partner sends to a user. The routes
 * (routes/links.ts) create, read, list and disable links; the link's page (linkPage.ts) lets a
 * tester or a browser "complete" it with a chosen verdict, which runs a simulated job (jobs.ts)
 * and sends its signed callback to the link's callback URL, or else the partner's (loopback only).
 *
 * Guesses where Smile ID's documentation is silent (see README.md, "Smile Links"): the answers'
 * shapes beyond `link`/`link_url` and `ref_id`; the ref_id and URL forms; the refusals' codes; the
 * result code and job type a verdict gives; the user ID of a multi-use link's user; `ref_id` in
 * the job's PartnerParams.
 */
import type { SimulatedJob } from './jobs';
import { callbackUrlProblem, finishJob, nextSmileJobId, resultTextFor } from './jobs';
import { LINK_METHODS, idTypeFor } from './services';
import type { SmileProduct } from './services';
import { refuse } from './smile';
import type { SmileRefusal } from './smile';
import type { SandboxState } from './state';

export type LinkUrlField = 'link' | 'link_url';
export const LINK_URL_FIELDS: LinkUrlField[] = ['link', 'link_url'];

export interface LinkIdType {
	country: string;
	id_type: string;
	verification_method: string;
}

/** What Smile ID answers about a link, without its URL (whose key the sandbox's shape decides). */
export interface LinkRecord {
	ref_id: string;
	name: string;
	company_name: string;
	id_types: LinkIdType[];
	callback_url?: string;
	is_single_use: boolean;
	user_id?: string;
	expires_at: string;
	data_privacy_policy_url?: string;
	logo_url?: string;
	partner_params: Record<string, string>;
	is_disabled: boolean;
	created_at: string;
}

export interface SandboxLink {
	partnerId: string;
	url: string;
	record: LinkRecord;
	/** The SmileJobIDs of the jobs completed through it, oldest first. */
	smileJobIds: string[];
}

export type Verdict = 'approved' | 'provisional' | 'rejected';
export const VERDICTS: Verdict[] = ['approved', 'provisional', 'rejected'];

/** Smile ID's job types per verification method (documented numbers). */
const JOB_TYPES: Record<string, number> = {
	biometric_kyc: 1,
	enhanced_kyc: 5,
	doc_verification: 6,
	enhanced_document_verification: 11,
};

/** The documented result code a verdict gives (a guess per method: see README.md). */
export function resultCodeFor(verdict: Verdict, method: string): string {
	if (verdict === 'provisional') return '0814';
	if (method === 'enhanced_kyc') return verdict === 'approved' ? '1012' : '1013';
	return verdict === 'approved' ? '1020' : '1022';
}

const isObject = (v: unknown): v is Record<string, unknown> =>
	typeof v === 'object' && v !== null && !Array.isArray(v);

function idTypesProblem(value: unknown): SmileRefusal | null {
	if (!Array.isArray(value) || value.length === 0)
		return refuse('2204', 'id_types is not a non-empty list', 'id_types');
	for (const [i, entry] of value.entries()) {
		const where = `id_types[${i}]`;
		if (
			!isObject(entry) ||
			!['country', 'id_type', 'verification_method'].every((k) => typeof entry[k] === 'string')
		)
			return refuse('2204', `${where} lacks country, id_type or verification_method`, where);
		const method = entry.verification_method as SmileProduct;
		if (!LINK_METHODS.includes(method))
			return refuse(
				'2204',
				`${where}: unknown verification_method ${JSON.stringify(method)}`,
				where,
			);
		if (!idTypeFor(entry.country as string, entry.id_type as string, method))
			return refuse(
				'2204',
				`${where}: ${String(entry.country)} ${String(entry.id_type)} is not offered for ${method}`,
				where,
			);
	}
	return null;
}

/** A create body's own checks, after the fields' presence and types (Smile ID's order). */
export function createProblem(body: Record<string, unknown>, nowMs: number): SmileRefusal | null {
	if (body.is_single_use === undefined)
		return refuse('2213', 'is_single_use is missing', 'is_single_use');
	if (typeof body.is_single_use !== 'boolean')
		return refuse('2204', 'is_single_use is not a boolean', 'is_single_use');
	const idTypes = idTypesProblem(body.id_types);
	if (idTypes) return idTypes;
	if (body.is_single_use && !body.user_id)
		return refuse('2213', 'a single-use link needs user_id', 'user_id');
	if (!body.is_single_use && body.user_id)
		return refuse('2204', 'a multi-use link takes no user_id', 'user_id');
	const expires = Date.parse(body.expires_at as string);
	if (Number.isNaN(expires)) return refuse('2204', 'expires_at is not a date', 'expires_at');
	if (expires <= nowMs) return refuse('2204', 'expires_at is not in the future', 'expires_at');
	for (const field of ['callback_url', 'data_privacy_policy_url', 'logo_url'])
		if (body[field] !== undefined && !URL.canParse(body[field] as string))
			return refuse('2204', `${field} is not a URL`, field);
	const params = body.partner_params;
	if (
		params !== undefined &&
		(!isObject(params) || Object.values(params).some((v) => typeof v !== 'string'))
	)
		return refuse('2204', 'partner_params is not an object of strings', 'partner_params');
	return null;
}

/** Records a new link from a checked create body. */
export function createLink(
	state: SandboxState,
	partnerId: string,
	body: Record<string, unknown>,
	nowMs: number,
): SandboxLink {
	const refId = `sl-${String(state.links.length + 1).padStart(6, '0')}`;
	const optional = (field: string) =>
		body[field] === undefined ? {} : { [field]: body[field] as string };
	const link: SandboxLink = {
		partnerId,
		url: `${state.baseUrl}/links/${encodeURIComponent(partnerId)}/${refId}`,
		record: {
			ref_id: refId,
			name: body.name as string,
			company_name: body.company_name as string,
			id_types: (body.id_types as LinkIdType[]).map(
				({ country, id_type, verification_method }) => ({ country, id_type, verification_method }),
			),
			...optional('callback_url'),
			is_single_use: body.is_single_use as boolean,
			...optional('user_id'),
			expires_at: new Date(Date.parse(body.expires_at as string)).toISOString(),
			...optional('data_privacy_policy_url'),
			...optional('logo_url'),
			partner_params: (body.partner_params as Record<string, string> | undefined) ?? {},
			is_disabled: false,
			created_at: new Date(nowMs).toISOString(),
		},
		smileJobIds: [],
	};
	state.links.push(link);
	return link;
}

/** A link as Smile ID answers it: its record and its URL under the key in force. */
export function linkAnswer(state: SandboxState, link: SandboxLink): Record<string, unknown> {
	return { ...link.record, [state.linkUrlField]: link.url };
}

export function findLink(
	state: SandboxState,
	partnerId: string,
	refId: string,
): SandboxLink | undefined {
	return state.links.find((l) => l.partnerId === partnerId && l.record.ref_id === refId);
}

/** Why the link cannot be completed now, or null. */
export function linkUnusable(link: SandboxLink, nowMs: number): string | null {
	if (link.record.is_disabled) return 'This link has been disabled';
	if (Date.parse(link.record.expires_at) <= nowMs) return 'This link has expired';
	if (link.record.is_single_use && link.smileJobIds.length > 0)
		return 'This link has already been used';
	return null;
}

/**
 * Completes a link as its user would: a job for the link's user (a multi-use link's users get
 * `<ref_id>-user-<n>`), with the link's partner_params and ref_id in PartnerParams, recorded and
 * its callback sent to the link's callback URL, or the partner's.
 */
export async function completeLink(
	state: SandboxState,
	link: SandboxLink,
	verdict: Verdict,
	idTypeIndex = 0,
) {
	const chosen = link.record.id_types[idTypeIndex] ?? link.record.id_types[0];
	const n = link.smileJobIds.length + 1;
	const resultCode = resultCodeFor(verdict, chosen.verification_method);
	const job: SimulatedJob = {
		partnerId: link.partnerId,
		userId: link.record.user_id ?? `${link.record.ref_id}-user-${n}`,
		jobId: `${link.record.ref_id}-job-${n}`,
		jobType: JOB_TYPES[chosen.verification_method],
		smileJobId: nextSmileJobId(state),
		resultCode,
		resultText: resultTextFor(resultCode),
		partnerParams: { ...link.record.partner_params, ref_id: link.record.ref_id },
		completedAt: new Date(state.now()).toISOString(),
	};
	link.smileJobIds.push(job.smileJobId);
	const url = link.record.callback_url ?? state.callbackUrls[link.partnerId];
	// the sandbox never reaches another host: such a callback is noted, not sent
	const problem = url === undefined ? null : callbackUrlProblem(url);
	const deliveries = await finishJob(state, job, problem ? undefined : url);
	return { job, deliveries, ...(problem ? { callbackNotSent: problem } : {}) };
}
