/**
 * The checks without a camera (Enhanced KYC, business verification, AML) as Smile ID answers
 * them: the answer for a request, from the made-up identities in identities.ts, in the shapes of
 * Smile ID's SDK fixtures (Python id_api test for Enhanced KYC, JS
 * business_verification_response.json, Ruby aml_check_spec). Each submission is billed at Smile
 * ID, so the sandbox records every one it accepts (state.submissions) and keeps the job, which
 * job_status then serves and the async routes send as a signed callback.
 *
 * Guesses where Smile ID's documentation is silent are marked "guess" and listed in README.md.
 */
import { signed } from './jobs';
import type { SimulatedJob } from './jobs';
import {
	findCompany,
	findListed,
	findPerson,
	ID_PHOTO,
	namesAgree,
	TEST_ADDRESS,
} from './identities';
import type { SandboxState } from './state';

export type Product = 'enhanced_kyc' | 'business_verification' | 'aml';

export const JOB_TYPES: Record<Product, number> = {
	enhanced_kyc: 5,
	business_verification: 7,
	aml: 10,
};

/** One accepted (billed) submission. */
export interface Submission {
	partnerId: string;
	jobId: string;
	userId: string;
	product: Product;
	path: string;
	/** ISO time it was accepted. */
	at: string;
	smileJobId: string;
	resultCode: string;
}

type Body = Record<string, unknown>;
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

function kycResult(body: Body): Body {
	const person = findPerson(String(body.country), String(body.id_type), String(body.id_number));
	const id = { Country: body.country, IDType: body.id_type, IDNumber: body.id_number };
	if (!person) {
		return {
			ResultType: 'ID Verification',
			ResultText: 'Unable to Validate ID - ID Number Not Found',
			ResultCode: '1013',
			IsFinalResult: 'true',
			Actions: { Verify_ID_Number: 'Not Verified', Return_Personal_Info: 'Not Returned' },
			...id,
			Source: 'ID API',
		};
	}
	const agree = namesAgree(person, {
		first_name: str(body.first_name),
		last_name: str(body.last_name),
		dob: str(body.dob),
	});
	return {
		ResultType: 'ID Verification',
		ResultText: agree ? 'ID Number Validated' : 'No Match',
		ResultCode: agree ? '1012' : '1022',
		IsFinalResult: 'true',
		Actions: {
			Verify_ID_Number: 'Verified',
			Return_Personal_Info: 'Returned',
			...(agree ? {} : { Names: 'No Match' }),
		},
		...id,
		ExpirationDate: 'Not Available',
		FullName: person.full_name,
		DOB: person.dob,
		Photo: ID_PHOTO,
		PhoneNumber: person.phone_number,
		Gender: person.gender,
		Address: TEST_ADDRESS,
		FullData: {
			FirstName: person.first_name,
			LastName: person.last_name,
			DateOfBirth: person.dob,
		},
		Source: 'ID API',
	};
}

function businessResult(body: Body): Body {
	const company = findCompany(String(body.country), String(body.id_type), String(body.id_number));
	if (!company) {
		return {
			ResultType: 'Business Verification',
			ResultText: 'Business Not Found',
			ResultCode: '1013',
			IsFinalResult: 'true',
			Actions: { Verify_Business: 'Not Verified', Return_Business_Info: 'Not Returned' },
			success: true,
		};
	}
	return {
		ResultType: 'Business Verification',
		ResultText: 'Business Verified',
		ResultCode: '1012',
		IsFinalResult: 'true',
		Actions: { Verify_Business: 'Verified', Return_Business_Info: 'Returned' },
		company_information: company.companyInformation,
		fiduciaries: company.fiduciaries,
		beneficial_owners: company.beneficialOwners,
		proprietors: [],
		documents: { search_certificate: '' },
		directors: company.directors,
		success: true,
	};
}

function amlResult(body: Body): Body {
	const people = findListed(String(body.full_name), str(body.birth_year)).map((l) => l.record);
	return {
		ResultCode: people.length ? '1030' : '1031',
		ResultText: people.length ? 'Found on list' : 'Not found on list',
		Actions: { Listed: people.length ? 'Listed' : 'Not Listed' },
		no_of_persons_found: people.length,
		people,
	};
}

const RESULTS: Record<Product, (body: Body) => Body> = {
	enhanced_kyc: kycResult,
	business_verification: businessResult,
	aml: amlResult,
};

/**
 * Runs a check that passed every refusal: records the billed submission and the job (so that
 * job_status serves it), and returns the job's result without timestamp and signature.
 */
export function runCheck(
	state: SandboxState,
	product: Product,
	path: string,
	body: Body,
	partnerParams: { user_id: string; job_id: string } & Body,
	nowMs: number,
): { job: SimulatedJob; result: Body } {
	const smileJobId = String(2_000_000_000 + state.submissions.length + 1).padStart(10, '0');
	const computed = RESULTS[product](body);
	const result: Body = {
		JSONVersion: '1.0.0',
		SmileJobID: smileJobId,
		PartnerParams: { ...partnerParams, job_type: JOB_TYPES[product] },
		...computed,
	};
	const at = new Date(nowMs).toISOString();
	const partnerId = String(body.partner_id);
	const { user_id: userId, job_id: jobId } = partnerParams;
	const resultCode = String(computed.ResultCode);
	state.submissions.push({ partnerId, jobId, userId, product, path, at, smileJobId, resultCode });
	const job: SimulatedJob = {
		partnerId,
		userId,
		jobId,
		jobType: JOB_TYPES[product],
		smileJobId,
		resultCode,
		resultText: String(computed.ResultText),
		completedAt: at,
		result,
	};
	state.jobs.push(job);
	return { job, result };
}

/** The synchronous answer: the result, signed with the partner's key at the time of answering. */
export function signedAnswer(
	state: SandboxState,
	partnerId: string,
	result: Body,
	nowMs: number,
): Body {
	const partner = state.partners.find((p) => p.partnerId === partnerId)!;
	return { ...result, ...signed(partnerId, partner.keys[state.serves], nowMs) };
}

/** How many accepted submissions carried this (partner, job_id): what Smile ID would bill. */
export function billedCount(state: SandboxState, partnerId: string, jobId: string): number {
	return state.submissions.filter((s) => s.partnerId === partnerId && s.jobId === jobId).length;
}

/** Submissions counted per (partner, job_id), for the /__sandbox/submissions view. */
export function billingSummary(state: SandboxState) {
	const counts = new Map<string, { partnerId: string; jobId: string; count: number }>();
	for (const s of state.submissions) {
		const key = JSON.stringify([s.partnerId, s.jobId]);
		const entry = counts.get(key) ?? { partnerId: s.partnerId, jobId: s.jobId, count: 0 };
		entry.count += 1;
		counts.set(key, entry);
	}
	return [...counts.values()];
}
