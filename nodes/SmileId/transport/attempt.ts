import type { IDataObject, IN8nHttpFullResponse } from 'n8n-workflow';

import { hostOf } from '../common/credentials';
import type { SmileIdEndpoint } from '../common/endpoints';
import { requestPath } from '../common/endpoints';
import { isObject } from '../common/objects';
import { computeSignature, signatureMatches } from '../common/signature';
import type { SmileIdAnswer, UnreadableCode } from './answerBody';
import { AnswerUnreadable, parseAnswer, readBody } from './answerBody';
import type { ExecutionCredentials, SmileIdContext } from './executionCredentials';
import { scrubSecrets } from './scrubSecrets';
import { cancelSignalOf, untilStopped } from './stop';

/** Smile ID's answer, or why there was none (a network code such as ECONNRESET, or ETIMEDOUT). */
export interface Attempt {
	answer?: SmileIdAnswer;
	code?: string;
}

/**
 * The only place a request leaves: one signed request to the endpoint that ends, headers and body,
 * at the Timeout or at Stop. Redirects are not followed: the request carries a signature valid for
 * minutes. A GET sends its fields as query parameters (the credential signs them there). The answer
 * (its body and headers) comes back with the API key and this attempt's signature taken out, in
 * every form scrubSecrets.ts knows, once its own signature has been checked.
 */
export async function attempt(
	context: SmileIdContext,
	endpoint: SmileIdEndpoint,
	body: IDataObject & { timestamp: string },
	timeoutMs: number,
	{ decrypted, read: credentials }: ExecutionCredentials,
): Promise<Attempt> {
	const { path, fields } = requestPath(endpoint, body);
	const url = `${hostOf(credentials, endpoint.host)}${path}`;
	const method = endpoint.method ?? 'POST';
	const secrets = [
		credentials.apiKey,
		computeSignature(credentials.apiKey, credentials.partnerId, body.timestamp),
	];
	const cancel = cancelSignalOf(context);
	const stop = AbortSignal.any([AbortSignal.timeout(timeoutMs), ...(cancel ? [cancel] : [])]);
	const stopCode = (): UnreadableCode => (cancel?.aborted ? 'ERR_CANCELED' : 'ETIMEDOUT');
	try {
		const request = context.helpers.httpRequestWithAuthentication.call(
			context,
			'smileIdApi',
			{
				method,
				url,
				...(method === 'GET' ? { qs: fields } : { body: fields }),
				json: true,
				timeout: timeoutMs,
				returnFullResponse: true,
				ignoreHttpStatusErrors: true,
				disableFollowRedirect: true,
				encoding: 'stream',
			},
			{ credentialsDecrypted: decrypted },
		) as Promise<IN8nHttpFullResponse>;
		const response = await untilStopped(request, stop, () => new AnswerUnreadable(stopCode()));
		const read = await readBody(response.body, stop, stopCode);
		if ('code' in read) return read;
		const parsed = parseAnswer(read.text);
		const listed = endpoint.listAnswer && Array.isArray(parsed) ? { items: parsed } : parsed;
		const signedBySmileId =
			isObject(parsed) && signatureMatches(credentials.apiKey, credentials.partnerId, parsed);
		const said = scrubSecrets(listed, secrets);
		const headers = scrubSecrets(response.headers, secrets);
		return {
			answer: { url, statusCode: response.statusCode, headers, body: said, signedBySmileId },
		};
	} catch (error) {
		if (error instanceof AnswerUnreadable) return { code: error.code };
		// n8n wraps the HTTP client's error; its cause holds the network code. Nothing else is kept: the request carries the signature.
		const failure = error as { code?: string; cause?: { code?: string } };
		return { code: cancel?.aborted ? 'ERR_CANCELED' : (failure.cause?.code ?? failure.code) };
	}
}
