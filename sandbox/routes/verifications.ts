/**
 * The checks without a camera on Smile ID's job API host: Enhanced KYC (/v1/id_verification and
 * /v1/async_id_verification), business verification (/v1/business_verification and
 * /v1/async_business_verification) and AML screening (/v1/aml). Bodies as Smile ID's SDKs send
 * them (JS IDApi for the first two, Ruby Aml for AML); answers from verifications.ts.
 *
 * Checks, in smile.ts's order: JSON object (2203); required fields (2213); types (2204); this
 * route's own fields (partner_params, job_type, dob, countries..., 2204/2213/2413); then
 * authentication (2205). Like job_status, these calls carry no `environment` at Smile ID: an
 * absent one is the environment served, a mismatched one is refused.
 * Async: the answer is {success: true}; the result goes to `callback_url` (loopback only here)
 * as a signed callback once the answer has been sent.
 */
import { clone, json } from '../answer';
import { callbackBody, callbackUrlProblem, deliver } from '../jobs';
import type { SimulatedJob } from '../jobs';
import { idNumberMatches, idTypeFor } from '../services';
import type { SmileProduct } from '../services';
import { authenticateJobApi, checkFields, JOB_API_SIGNED_FIELDS, refuse } from '../smile';
import type { ApiContext, ApiResult, ParsedBody, SmileRefusal } from '../smile';
import type { SandboxState } from '../state';
import { billingSummary, JOB_TYPES, runCheck, signedAnswer } from '../verifications';
import type { Product } from '../verifications';
import { ADMIN_PREFIX } from './admin';
import { adminRoute, smileRoute } from './route';

export const VERIFICATION_PATHS = {
	idVerification: '/v1/id_verification',
	asyncIdVerification: '/v1/async_id_verification',
	businessVerification: '/v1/business_verification',
	asyncBusinessVerification: '/v1/async_business_verification',
	aml: '/v1/aml',
};

type Body = Record<string, unknown>;
type Params = { user_id: string; job_id: string } & Body;

const SDK = ['source_sdk', 'source_sdk_version', 'environment'];
const ID_INFO = ['country', 'id_type', 'id_number'];
const KYC_OPTIONAL = ['first_name', 'middle_name', 'last_name', 'dob', 'phone_number', 'bank_code'];
const KYB_OPTIONAL = ['business_type', 'postal_address', 'postal_code'];
/** Nigeria's business types, as Smile ID's Ruby SDK documents them (bn, co, it). */
const NG_BUSINESS_TYPES = ['bn', 'co', 'it'];

const isObject = (v: unknown): v is Body =>
	typeof v === 'object' && v !== null && !Array.isArray(v);

/** partner_params: user_id and job_id non-empty strings, job_type (number or digits) the product's. */
function partnerParams(body: Body, product: Product): { params: Params } | SmileRefusal {
	const given = body.partner_params;
	if (given !== undefined && !isObject(given))
		return refuse('2204', 'partner_params is not an object', 'partner_params');
	const params: Body =
		product === 'aml'
			? { ...(given ?? {}), user_id: body.user_id, job_id: body.job_id }
			: { ...(given ?? {}) };
	if (product !== 'aml' && given === undefined)
		return refuse('2213', 'partner_params is missing', 'partner_params');
	for (const key of ['user_id', 'job_id']) {
		if (params[key] === undefined || params[key] === '')
			return refuse('2213', `partner_params.${key} is missing`, key);
		if (typeof params[key] !== 'string') return refuse('2204', `${key} is not a string`, key);
	}
	const jobType = params.job_type ?? body.job_type ?? (product === 'aml' ? 10 : undefined);
	if (jobType === undefined)
		return refuse('2213', 'partner_params.job_type is missing', 'job_type');
	if (String(jobType) !== String(JOB_TYPES[product]))
		return refuse('2204', `job_type ${JSON.stringify(jobType)} on this route`, 'job_type');
	return { params: params as Params };
}

/**
 * The ID type as GET /v1/services lists it (services.ts): offered in this country for this
 * product, its required_fields present, its id_number_regex matched.
 */
function idTypeProblem(body: Body, product: SmileProduct): SmileRefusal | null {
	const info = idTypeFor(String(body.country), String(body.id_type), product);
	if (!info)
		return refuse(
			'2204',
			`${String(body.id_type)} is not offered in ${String(body.country)} for ${product}`,
			'id_type',
		);
	for (const field of info.required_fields) {
		if (field === 'user_id' || field === 'job_id') continue;
		if (body[field] === undefined || body[field] === '')
			return refuse('2213', `${field} is required for ${String(body.id_type)}`, field);
	}
	if (!idNumberMatches(String(body.country), String(body.id_type), String(body.id_number)))
		return refuse(
			'2204',
			`id_number does not match the ${String(body.id_type)} pattern`,
			'id_number',
		);
	return null;
}

function kycProblem(body: Body): SmileRefusal | null {
	const idType = idTypeProblem(body, 'enhanced_kyc');
	if (idType) return idType;
	if (body.dob !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(String(body.dob)))
		return refuse('2204', 'dob is not yyyy-mm-dd', 'dob');
	return null;
}

function kybProblem(body: Body): SmileRefusal | null {
	const idType = idTypeProblem(body, 'business_verification');
	if (idType) return idType;
	const businessType = body.business_type;
	if (
		body.country === 'NG' &&
		businessType !== undefined &&
		!NG_BUSINESS_TYPES.includes(String(businessType))
	)
		return refuse('2413', `unsupported business_type ${JSON.stringify(businessType)}`);
	return null;
}

function amlProblem(body: Body): SmileRefusal | null {
	const countries = body.countries;
	if (
		!Array.isArray(countries) ||
		countries.some((c) => typeof c !== 'string' || !/^[A-Z]{2}$/.test(c))
	)
		return refuse('2204', 'countries is not a list of ISO-2 codes', 'countries');
	if (body.birth_year !== undefined && !/^\d{4}$/.test(String(body.birth_year)))
		return refuse('2204', 'birth_year is not yyyy', 'birth_year');
	for (const flag of ['search_existing_user', 'strict_match']) {
		if (body[flag] !== undefined && typeof body[flag] !== 'boolean')
			return refuse('2204', `${flag} is not a boolean`, flag);
	}
	const aliases = body.aliases;
	if (
		aliases !== undefined &&
		(!Array.isArray(aliases) || aliases.some((a) => typeof a !== 'string'))
	)
		return refuse('2204', 'aliases is not a list of strings', 'aliases');
	return null;
}

interface Check {
	product: Product;
	path: string;
	async: boolean;
	summary: string;
	required: string[];
	optional: string[];
	problem(body: Body): SmileRefusal | null;
}

/** Sends an async job's callback after the answer has gone, and records the delivery. */
function sendCallbackLater(state: SandboxState, job: SimulatedJob, url: string): void {
	const key = state.partners.find((p) => p.partnerId === job.partnerId)!.keys[state.serves];
	const sending: Promise<void> = new Promise<void>((resolve) => setImmediate(resolve))
		.then(() => deliver(url, callbackBody(job, key, state.now()), job.smileJobId))
		.then((delivery) => {
			state.deliveries.push(delivery);
		})
		.finally(() => state.pendingCallbacks.delete(sending));
	state.pendingCallbacks.add(sending);
}

function handler(check: Check) {
	return (parsed: ParsedBody, ctx: ApiContext): ApiResult => {
		const required = [
			...JOB_API_SIGNED_FIELDS,
			...check.required,
			...(check.async ? ['callback_url'] : []),
		];
		const strings = [...required.filter((f) => f !== 'countries'), ...SDK, ...check.optional];
		const checked = checkFields(parsed, required, strings);
		if ('kind' in checked) return checked;
		const body = checked.body;
		const ofJob = partnerParams(body, check.product);
		if ('kind' in ofJob) return ofJob;
		const problem = check.problem(body) ?? (check.async ? urlRefusal(body.callback_url) : null);
		if (problem) return problem;
		const denied = authenticateJobApi(body, ctx);
		if (denied) return denied;
		const { job, result } = runCheck(ctx, check.product, check.path, body, ofJob.params, ctx.nowMs);
		if (check.async) {
			sendCallbackLater(ctx, job, String(body.callback_url));
			return { kind: 'success', body: { success: true } };
		}
		const signAt = ctx.echoTimestamp ? Date.parse(String(body.timestamp)) : ctx.nowMs;
		return { kind: 'success', body: signedAnswer(ctx, job.partnerId, result, signAt) };
	};
}

function urlRefusal(url: unknown): SmileRefusal | null {
	const problem = callbackUrlProblem(url);
	return problem ? refuse('2204', `callback_url: ${problem}`, 'callback_url') : null;
}

const KYC = { required: ID_INFO, optional: KYC_OPTIONAL, problem: kycProblem };
const KYB = { required: ID_INFO, optional: KYB_OPTIONAL, problem: kybProblem };
const CHECKS: Check[] = [
	{
		...KYC,
		product: 'enhanced_kyc',
		path: VERIFICATION_PATHS.idVerification,
		async: false,
		summary: 'Smile ID: Enhanced KYC, an ID number looked up with the issuer (billed)',
	},
	{
		...KYC,
		product: 'enhanced_kyc',
		path: VERIFICATION_PATHS.asyncIdVerification,
		async: true,
		summary: 'Smile ID: Enhanced KYC, the result sent to callback_url (billed)',
	},
	{
		...KYB,
		product: 'business_verification',
		path: VERIFICATION_PATHS.businessVerification,
		async: false,
		summary: 'Smile ID: business verification, a company with its directors and owners (billed)',
	},
	{
		...KYB,
		product: 'business_verification',
		path: VERIFICATION_PATHS.asyncBusinessVerification,
		async: true,
		summary: 'Smile ID: business verification, the result sent to callback_url (billed)',
	},
	{
		product: 'aml',
		path: VERIFICATION_PATHS.aml,
		async: false,
		required: ['user_id', 'job_id', 'full_name', 'countries'],
		optional: ['birth_year'],
		problem: amlProblem,
		summary: 'Smile ID: AML screening against sanctions, PEP and adverse-media lists (billed)',
	},
];

export const verificationRoutes = [
	...CHECKS.map((check) => smileRoute(check.path, check.summary, handler(check))),
	adminRoute(
		'GET',
		`${ADMIN_PREFIX}/submissions`,
		'every billed submission of a check, and the count per (partner, job_id)',
		(_, state) => json({ submissions: clone(state.submissions), billed: billingSummary(state) }),
	),
];
