/**
 * Reference data on the job API host: GET /v1/services (no signature: Smile ID's SDKs call it
 * unsigned) and POST /v1/products_config (signed). Both answer the sandbox's made-up data
 * (../services.ts) in Smile ID's documented shape.
 */
import { JOB_API_SIGNED_FIELDS, authenticateJobApi, checkFields } from '../smile';
import type { ApiContext, ApiResult, ParsedBody } from '../smile';
import { productsConfigFor, servicesAnswer } from '../services';
import { smileRoute } from './route';

export const SERVICES_PATH = '/v1/services';
export const PRODUCTS_CONFIG_PATH = '/v1/products_config';

function handleProductsConfig(parsed: ParsedBody, ctx: ApiContext): ApiResult {
	const strings = [...JOB_API_SIGNED_FIELDS, 'environment', 'source_sdk', 'source_sdk_version'];
	const checked = checkFields(parsed, JOB_API_SIGNED_FIELDS, strings);
	if ('kind' in checked) return checked;
	const denied = authenticateJobApi(checked.body, ctx);
	if (denied) return denied;
	return { kind: 'success', body: productsConfigFor(checked.body.partner_id as string) };
}

export const serviceRoutes = [
	smileRoute(
		SERVICES_PATH,
		'Smile ID job API: countries, ID types per product, bank codes (made-up data; no signature)',
		() => ({ kind: 'success', body: servicesAnswer() }),
		'GET',
	),
	smileRoute(
		PRODUCTS_CONFIG_PATH,
		"Smile ID job API: the partner's enabled ID types per product, and which need consent",
		handleProductsConfig,
	),
];
