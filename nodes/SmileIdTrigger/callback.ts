import type { IDataObject } from 'n8n-workflow';

import { signatureMatches } from '../SmileId/common/signature';

/** Smile ID documents callbacks of up to 1.5 MB; anything larger is not one of theirs. */
export const MAX_CALLBACK_BYTES = 1.5 * 1024 * 1024;

export interface Refusal {
	status: 400 | 401 | 413;
	/** For the operator's log only: the caller gets a generic answer. */
	reason: string;
	smileJobId?: string;
}

export type CallbackCheck = { ok: true; callback: IDataObject } | ({ ok: false } & Refusal);

/** A refused body is anyone's text: only a plain ID goes into the log, never a forged log line. */
const LOGGABLE_JOB_ID = /^[\w-]{1,64}$/;

function refuse(status: Refusal['status'], reason: string, callback?: IDataObject): CallbackCheck {
	const jobId = callback?.SmileJobID;
	const smileJobId = typeof jobId === 'string' && LOGGABLE_JOB_ID.test(jobId) ? jobId : undefined;
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
 * Whether a request is a callback Smile ID signed for this partner, recently: its size, its JSON,
 * then the signature recomputed from its own timestamp string, then that timestamp's age either way.
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
	if (!signatureMatches(credentials.apiKey, credentials.partnerId, callback)) {
		return refuse(401, 'signature does not match this partner ID and API key', callback);
	}
	const signedAt = Date.parse(String(callback.timestamp));
	if (Number.isNaN(signedAt)) return refuse(401, 'timestamp is not a date', callback);
	if (Math.abs(nowMs - signedAt) > freshnessMs) {
		return refuse(
			401,
			`timestamp ${String(callback.timestamp)} is outside the freshness window`,
			callback,
		);
	}
	return { ok: true, callback };
}

/**
 * SmileJobIDs handled in the freshness window, per trigger (workflow and node), in this n8n process.
 * Not the workflow's static data: n8n 2.41 does not save a webhook's change to it when the same
 * request starts an execution, so a repeat would slip through.
 */
const handledJobs = new Map<string, Map<string, number>>();

/** Remembers a SmileJobID for the freshness window; true when this trigger already handled it in the window. */
export function isRepeatedJob(
	trigger: string,
	smileJobId: string,
	nowMs: number,
	freshnessMs: number,
): boolean {
	const handled = handledJobs.get(trigger) ?? new Map<string, number>();
	handledJobs.set(trigger, handled);
	for (const [jobId, handledAt] of handled) {
		if (nowMs - handledAt > freshnessMs) handled.delete(jobId);
	}
	if (handled.has(smileJobId)) return true;
	handled.set(smileJobId, nowMs);
	return false;
}
