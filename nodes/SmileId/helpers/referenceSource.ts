import { NodeOperationError } from 'n8n-workflow';

import { hostOf } from '../common/credentials';
import type { SmileIdContext } from '../transport/executionCredentials';
import { credentialsOf } from '../transport/executionCredentials';
import { lookUpSmileId } from '../transport/lookUp';
import type { ReferenceData } from './referenceData';
import { readReferenceData } from './referenceData';

/** How long Smile ID's lists are kept: they change rarely, and every dropdown reads them. */
export const REFERENCE_TTL_MS = 10 * 60_000;
const LOOKUP_TIMEOUT_MS = 15_000;
/** At most this many credentials' lists are kept in one n8n process. */
const MAX_CACHED = 20;

const cache = new Map<string, { loadedAt: number; data: Promise<ReferenceData> }>();

/** Forgets every cached list (tests, or a credential whose account changed). */
export function clearReferenceCache(): void {
	cache.clear();
}

const NO_LIST =
	"Smile ID's list of countries and ID types could not be loaded, so it cannot be shown or checked";
const EXPRESSION_HINT =
	'You can still type a value with an expression, for example NG for the country and BVN for the ID type.';

async function load(context: SmileIdContext): Promise<ReferenceData> {
	const services = await lookUpSmileId(context, 'services', {}, LOOKUP_TIMEOUT_MS);
	if (!services.ok) {
		const { message, description } = services.error;
		throw new NodeOperationError(context.getNode(), `${NO_LIST}: ${message}`, {
			description: `${description ?? ''} ${EXPRESSION_HINT}`.trim(),
		});
	}
	// Which types this partner has enabled: a refinement; without it every listed type is offered.
	const config = await lookUpSmileId(context, 'productsConfig', {}, LOOKUP_TIMEOUT_MS);
	try {
		return readReferenceData(services.body, config.ok ? config.body : undefined);
	} catch (error) {
		// readReferenceData throws only ReferenceDataUnreadable: the answer is not of the documented shape
		throw new NodeOperationError(context.getNode(), `${NO_LIST}: ${(error as Error).message}`, {
			description: `Check the Base URL in the credential: leave it empty to use Smile ID itself. ${EXPRESSION_HINT}`,
		});
	}
}

/**
 * Smile ID's reference data for this credential (its server and partner ID), read through the
 * transport and kept for REFERENCE_TTL_MS; a failed read is not kept. Throws an error that says
 * Smile ID could not be reached and that an expression still works.
 */
export async function referenceDataOf(context: SmileIdContext): Promise<ReferenceData> {
	const { read } = await credentialsOf(context);
	const key = `${hostOf(read, 'jobApi')} ${read.environment} ${read.partnerId}`;
	const cached = cache.get(key);
	if (cached && Date.now() - cached.loadedAt < REFERENCE_TTL_MS) return await cached.data;
	const data = load(context);
	if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value as string);
	cache.set(key, { loadedAt: Date.now(), data });
	data.catch(() => cache.get(key)?.data === data && cache.delete(key));
	return await data;
}
