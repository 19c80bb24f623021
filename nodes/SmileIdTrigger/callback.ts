import type { IDataObject } from 'n8n-workflow';

import { signatureMatches, signedTimestamp } from '../SmileId/common/signature';

/** Smile ID documents callbacks of up to 1.5 MB; anything larger is not one of theirs. */
export const MAX_CALLBACK_BYTES = 1.5 * 1024 * 1024;

export interface Refusal {
	status: 400 | 401 | 413 | 503;
	/** For the operator's log only: the caller gets a generic answer. */
	reason: string;
	smileJobId?: string;
}

export type CallbackCheck =
	| { ok: true; callback: IDataObject; signature: string; smileJobId: string | undefined }
	| ({ ok: false } & Refusal);

/** A refused body is anyone's text: only a plain ID goes into the log, never a forged log line. */
export function loggable(value: unknown): string | undefined {
	const text = typeof value === 'string' || typeof value === 'number' ? String(value).trim() : '';
	return /^[\w.-]{1,64}$/.test(text) ? text : undefined;
}

export function refuse(
	status: Refusal['status'],
	reason: string,
	callback?: IDataObject,
): { ok: false } & Refusal {
	const jobId = callback?.SmileJobID;
	const smileJobId = typeof jobId === 'string' ? loggable(jobId) : undefined;
	return { ok: false, status, reason, ...(smileJobId ? { smileJobId } : {}) };
}

function parseObject(body: Buffer): IDataObject | undefined {
	try {
		const parsed: unknown = JSON.parse(body.toString('utf8'));
		return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)
			? (parsed as IDataObject)
			: undefined;
	} catch {
		return undefined;
	}
}

/**
 * The partner IDs a callback may be signed with: as the credential has it, and without its
 * leading zeros. Smile ID documents "085" for signing requests; whether its callbacks sign "085"
 * or "85" is not documented, and either still needs the partner's API key.
 */
function partnerIdForms(partnerId: string): string[] {
	const unpadded = partnerId.replace(/^0+(?=.)/, '');
	return unpadded === partnerId ? [partnerId] : [partnerId, unpadded];
}

/**
 * The SmileJobID to deduplicate on: a string, trimmed; none when absent, null or blank. A number
 * is refused: Smile ID writes SmileJobIDs as strings with leading zeros ("0000001897"), which a
 * number cannot carry, so it cannot be matched to the job it claims to be.
 */
function smileJobIdOf(callback: IDataObject): string | undefined | false {
	const jobId = callback.SmileJobID;
	if (jobId === undefined || jobId === null) return undefined;
	if (typeof jobId !== 'string') return false;
	return jobId.trim() || undefined;
}

/**
 * Whether a request is a callback Smile ID signed for this partner, recently: its size, its JSON,
 * then the signature recomputed from its own timestamp, then that timestamp's age either way,
 * then the form of its SmileJobID.
 */
export function checkCallback(
	body: Buffer,
	credentials: { partnerId: string; apiKey: string },
	nowMs: number,
	freshnessMs: number,
): CallbackCheck {
	if (body.length > MAX_CALLBACK_BYTES)
		return refuse(413, `body of ${body.length} bytes is over 1.5 MB`);
	const callback = parseObject(body);
	if (!callback) return refuse(400, 'body is not a JSON object');
	if (callback.signature === undefined) {
		const legacy =
			callback.sec_key !== undefined ? ' (legacy sec_key callbacks are not supported)' : '';
		return refuse(401, `callback is not signed${legacy}`, callback);
	}
	const signed = partnerIdForms(credentials.partnerId).some((partnerId) =>
		signatureMatches(credentials.apiKey, partnerId, callback),
	);
	if (!signed) return refuse(401, 'signature does not match this partner ID and API key', callback);
	const signedAt = Date.parse(signedTimestamp(callback.timestamp) ?? '');
	if (Number.isNaN(signedAt)) return refuse(401, 'timestamp is not a date', callback);
	if (Math.abs(nowMs - signedAt) > freshnessMs) {
		return refuse(
			401,
			`timestamp ${String(callback.timestamp)} is outside the freshness window`,
			callback,
		);
	}
	const smileJobId = smileJobIdOf(callback);
	if (smileJobId === false) return refuse(400, 'SmileJobID is not a string', callback);
	return { ok: true, callback, signature: callback.signature as string, smileJobId };
}
