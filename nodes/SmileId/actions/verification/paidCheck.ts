import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { PaidEndpointName } from '../../common/endpoints';
import { SOURCE_SDK } from '../../common/endpoints';
import type { RunContext } from '../../helpers/itemRun';
import type { IdProduct } from './checks';
import { callbackProblems, idFieldProblems } from './checks';
import { referenceDataFor } from './lists';
import { jobIdsOf, textOf } from './properties';
import type { JobIds } from './submit';
import { submitOnce } from './submit';

/** One item of a check without a camera, as its operation reads it. */
export interface PaidCheck {
	ids: JobIds & { mapped: boolean };
	/** What is wrong with the item's fields (checks.ts); nothing is sent unless it is empty. */
	problems: string[];
	endpoint: PaidEndpointName;
	/** The check's own fields; the signed fields and source_sdk are added. */
	body: IDataObject;
	/** Sent asynchronously: the result goes to the callback URL (the Smile ID Trigger). */
	async: boolean;
	/** The job's result as output fields (results.ts). */
	read(result: IDataObject, includePersonalData: boolean): IDataObject;
}

/**
 * Validate Only, the checks before sending, then one submission that is never billed twice
 * (submit.ts). The output names the job (userId, jobId) so that it can always be looked up.
 */
export async function runPaidCheck(
	context: IExecuteFunctions,
	itemIndex: number,
	run: RunContext,
	check: PaidCheck,
): Promise<IDataObject> {
	const { options } = run;
	const { userId, jobId, mapped } = check.ids;
	if (options.validateOnly) {
		return {
			userId,
			...(mapped ? { jobId } : {}),
			validateOnly: true,
			valid: check.problems.length === 0,
			problems: check.problems,
		};
	}
	if (check.problems.length) {
		throw new NodeOperationError(context.getNode(), `Not sent: ${check.problems[0]}`, {
			itemIndex,
			description: `${check.problems.join('. ')}. Nothing was sent to Smile ID and nothing was billed.`,
		});
	}
	const body = { ...check.body, ...SOURCE_SDK };
	const outcome = await submitOnce(context, check.endpoint, body, check.ids, itemIndex, run);
	const ids = { userId, jobId };
	if (check.async && outcome.from === 'answer')
		return { ...ids, submitted: true, resultPending: true };
	return {
		...ids,
		...check.read(outcome.result, options.includePersonalData),
		...(outcome.from === 'answer' ? {} : { settledBy: outcome.from }),
	};
}

/** What tells Verify ID Number and Verify Business apart: data only. */
export interface IdCheckKind {
	product: IdProduct;
	jobType: number;
	endpoints: { sync: PaidEndpointName; async: PaidEndpointName };
	/** The collection of optional fields, sent under their own (Smile ID's) names when given. */
	detailsField: string;
	read: PaidCheck['read'];
}

/** One item of a check by ID type (country, ID type, number, details), checked against Smile ID's lists. */
export async function runIdCheck(
	context: IExecuteFunctions,
	itemIndex: number,
	run: RunContext,
	kind: IdCheckKind,
): Promise<IDataObject> {
	const ids = jobIdsOf(context, itemIndex);
	const country = textOf(context, 'country', itemIndex).toUpperCase();
	const idType = textOf(context, 'idType', itemIndex);
	const details = context.getNodeParameter(kind.detailsField, itemIndex, {}) as IDataObject;
	const fields: Record<string, string> = { id_number: textOf(context, 'idNumber', itemIndex) };
	for (const [key, value] of Object.entries(details))
		if (typeof value === 'string' && value.trim()) fields[key] = value.trim();
	const data = await referenceDataFor(context, itemIndex);
	const { runAsync, callbackUrl } = run.options;
	return await runPaidCheck(context, itemIndex, run, {
		ids,
		problems: [
			...idFieldProblems(data, kind.product, country, idType, fields),
			...callbackProblems(runAsync, callbackUrl),
		],
		endpoint: runAsync ? kind.endpoints.async : kind.endpoints.sync,
		body: {
			country,
			id_type: idType,
			...fields,
			partner_params: { user_id: ids.userId, job_id: ids.jobId, job_type: kind.jobType },
			...(runAsync ? { callback_url: callbackUrl } : {}),
		},
		async: runAsync,
		read: kind.read,
	});
}
