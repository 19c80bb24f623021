import type { IDataObject } from 'n8n-workflow';

import type { ReferenceData } from '../../helpers/referenceData';
import { findIdType } from '../../helpers/referenceData';

/** A link's verification methods: the Smile ID products a link can run, each a paid job. */
export const LINK_METHODS = [
	{
		name: 'Biometric KYC',
		value: 'biometric_kyc',
		description: 'A selfie, compared with the photo on file for the ID number the user types',
	},
	{
		name: 'Document Verification',
		value: 'doc_verification',
		description: 'A photo of an ID document and a selfie',
	},
	{
		name: 'Enhanced Document Verification',
		value: 'enhanced_document_verification',
		description: 'A photo of an ID document and a selfie, also checked against the issuer',
	},
	{
		name: 'Enhanced KYC',
		value: 'enhanced_kyc',
		description: 'The ID number the user types, looked up with the issuer (no photo)',
	},
];

export interface LinkIdType {
	country: string;
	idType: string;
	verificationMethod: string;
}

/** What a Create Link item asks for, read from the node's fields. */
export interface LinkInput {
	name: string;
	companyName: string;
	idTypes: LinkIdType[];
	singleUse: boolean;
	userId: string;
	expiresAt: Date;
	callbackUrl: string;
	privacyPolicyUrl: string;
	logoUrl: string;
	partnerParams: Record<string, string>;
}

export interface LinkProblem {
	message: string;
	description: string;
}

/** Smile ID sets these itself in a job's PartnerParams. */
const RESERVED_PARAMS = ['user_id', 'job_id', 'job_type'];
const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/** A callback URL must be https; plain http only to this machine (a local test). */
export function callbackUrlProblem(url: string): string | null {
	if (!URL.canParse(url)) return `"${url}" is not a URL`;
	const { protocol, hostname } = new URL(url);
	if (protocol === 'https:') return null;
	if (protocol === 'http:' && LOOPBACK.has(hostname)) return null;
	return `"${url}" is not an https URL`;
}

function idTypeProblem({ country, idType, verificationMethod }: LinkIdType): LinkProblem | null {
	const methods = LINK_METHODS.map((m) => m.value);
	if (!country || !idType)
		return {
			message: 'An ID type of the link has no country or no ID type',
			description: 'Each ID type offered needs a Country and an ID Type. Nothing was sent.',
		};
	if (!methods.includes(verificationMethod))
		return {
			message: `"${verificationMethod}" is not a verification method of Smile Links`,
			description: `Use one of ${methods.join(', ')}. Nothing was sent.`,
		};
	return null;
}

/** The first ID type Smile ID's reference data does not offer (or this account has not enabled), or null. */
export function notOfferedProblem(
	idTypes: LinkIdType[],
	reference: ReferenceData,
): LinkProblem | null {
	for (const { country, idType, verificationMethod } of idTypes) {
		const found = findIdType(reference, country, idType, verificationMethod);
		if (found && found.enabled !== false) continue;
		return {
			message: found
				? `${idType} (${country}) is not enabled for ${verificationMethod} on your Smile ID account`
				: `Smile ID does not offer ${idType} in ${country} for ${verificationMethod}`,
			description:
				'Pick the ID type from the list (it shows what Smile ID offers your account per country), or run Account > List Supported ID Types. No link was created.',
		};
	}
	return null;
}

/** The first reason not to create this link that needs no network (notOfferedProblem checks the ID types), or null. */
export function linkProblem(input: LinkInput, nowMs: number): LinkProblem | null {
	const nothingSent = (message: string, fix: string) => ({
		message,
		description: `${fix} Nothing was sent.`,
	});
	if (!input.name) return nothingSent('The Link Name is empty', 'Set the name the user sees.');
	if (!input.companyName)
		return nothingSent('The Company Name is empty', 'Set the company name the user sees.');
	if (input.idTypes.length === 0)
		return nothingSent('The link offers no ID type', 'Add at least one ID type.');
	for (const idType of input.idTypes) {
		const problem = idTypeProblem(idType);
		if (problem) return problem;
	}
	if (input.singleUse && !input.userId)
		return nothingSent(
			'A single-use link needs a User ID',
			'Set User ID to the ID of the one person the link is for, or make it a multi-use link.',
		);
	if (!input.singleUse && input.userId)
		return nothingSent(
			'A multi-use link takes no User ID',
			'Clear User ID (each person who opens a multi-use link gets their own), or make it single-use.',
		);
	if (Number.isNaN(input.expiresAt.getTime()))
		return nothingSent('The expiry is not a date', 'Set Expires At to a date and time.');
	if (input.expiresAt.getTime() <= nowMs)
		return nothingSent(
			`The expiry ${input.expiresAt.toISOString()} is in the past`,
			'Set an expiry in the future.',
		);
	const urls: Array<[string, string, (url: string) => string | null]> = [
		['Callback URL', input.callbackUrl, callbackUrlProblem],
		['Privacy Policy URL', input.privacyPolicyUrl, callbackUrlProblem],
		['Logo URL', input.logoUrl, callbackUrlProblem],
	];
	for (const [field, url, check] of urls) {
		const problem = url ? check(url) : null;
		if (problem)
			return nothingSent(
				`The ${field} ${problem}`,
				`Use an https URL (http only to localhost), or leave ${field} empty.`,
			);
	}
	const reserved = Object.keys(input.partnerParams).find((key) => RESERVED_PARAMS.includes(key));
	if (reserved)
		return nothingSent(
			`The partner parameter "${reserved}" is set by Smile ID`,
			`Rename it: ${RESERVED_PARAMS.join(', ')} are Smile ID's own.`,
		);
	return null;
}

/** The body of POST /v1/smile_links (the transport adds the signed fields). */
export function createLinkBody(input: LinkInput): IDataObject {
	return {
		name: input.name,
		company_name: input.companyName,
		id_types: input.idTypes.map((t) => ({
			country: t.country,
			id_type: t.idType,
			verification_method: t.verificationMethod,
		})),
		is_single_use: input.singleUse,
		...(input.singleUse ? { user_id: input.userId } : {}),
		expires_at: input.expiresAt.toISOString(),
		...(input.callbackUrl ? { callback_url: input.callbackUrl } : {}),
		...(input.privacyPolicyUrl ? { data_privacy_policy_url: input.privacyPolicyUrl } : {}),
		...(input.logoUrl ? { logo_url: input.logoUrl } : {}),
		...(Object.keys(input.partnerParams).length ? { partner_params: input.partnerParams } : {}),
	};
}
