import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { referenceDataOf } from '../../helpers/referenceSource';
import { runsAsTool } from '../../helpers/tool';
import { readUserId } from '../../helpers/userId';
import { sendToSmileId } from '../../transport/send';
import type { SmileIdOperation } from '../node.type';
import { createFields } from './createFields';
import { linkObjectOf, linkOutput } from './linkAnswer';
import type { LinkIdType, LinkInput } from './linkInput';
import { createLinkBody, linkProblem, notOfferedProblem } from './linkInput';

const DAY_MS = 86_400_000;

const textOf = (value: unknown): string =>
	typeof value === 'string' || typeof value === 'number' ? String(value).trim() : '';

/** The item's fields as a LinkInput; the checks (linkInput.ts) say what is wrong with them. */
function linkInputOf(context: IExecuteFunctions, itemIndex: number): LinkInput {
	const param = (name: string, fallback: unknown = '') =>
		context.getNodeParameter(name, itemIndex, fallback) as unknown;
	const offered = (param('idTypes', {}) as { offered?: IDataObject[] }).offered ?? [];
	const extra = param('additionalFields', {}) as IDataObject;
	const params =
		(extra.partnerParams as { parameter?: IDataObject[] } | undefined)?.parameter ?? [];
	const rawUserId = param('userId');
	const userId = readUserId(rawUserId);
	if (typeof userId !== 'string' && textOf(rawUserId) !== '')
		throw new NodeOperationError(context.getNode(), userId.problem, {
			itemIndex,
			description: `${userId.fix} Nothing was sent.`,
		});
	const expiresAt =
		param('expiry', 'afterDays') === 'atDate'
			? new Date(textOf(param('expiresAt')) || NaN)
			: new Date(Date.now() + Number(param('expiresInDays', 7)) * DAY_MS);
	return {
		name: textOf(param('linkName')),
		companyName: textOf(param('companyName')),
		idTypes: offered.map(
			(t): LinkIdType => ({
				country: textOf(t.country).toUpperCase(),
				idType: textOf(t.idType),
				verificationMethod: textOf(t.verificationMethod),
			}),
		),
		singleUse: param('singleUse', true) !== false,
		userId: typeof userId === 'string' ? userId : '',
		expiresAt,
		callbackUrl: textOf(param('callbackUrl')),
		privacyPolicyUrl: textOf(extra.privacyPolicyUrl),
		logoUrl: textOf(extra.logoUrl),
		partnerParams: Object.fromEntries(
			params.filter((p) => textOf(p.name) !== '').map((p) => [textOf(p.name), textOf(p.value)]),
		),
	};
}

/** Link > Create: one Smile Link per item, after every check that can be made before sending. */
export const createOperation: SmileIdOperation = {
	name: 'Create',
	action: 'Create a verification link',
	description:
		'Create a Smile Link: a page where a person verifies their identity on their own phone, to send by e-mail or SMS',
	forAgents:
		'Creates a Smile ID verification link (a web page) for one person, identified by userId. Send the returned url to that person only: whoever opens it is verified as that user. The person completing the link runs a paid Smile ID verification job; its result comes back later through the Smile ID Trigger, not from this tool. Returns url, refId, expiresAt and userId.',
	properties: createFields,
	async execute(itemIndex, run) {
		const node = this.getNode();
		const input = linkInputOf(this, itemIndex);
		const refuse = (problem: { message: string; description: string }) =>
			new NodeOperationError(node, problem.message, {
				itemIndex,
				description: runsAsTool(node)
					? `${problem.description} Call the tool again with corrected values.`
					: problem.description,
			});
		const problem = linkProblem(input, Date.now());
		if (problem) throw refuse(problem);
		// Smile ID's lists, when they can be read, catch an ID type it does not offer; else Smile ID checks.
		const reference = await referenceDataOf(this).catch(() => undefined);
		const notOffered = reference && notOfferedProblem(input.idTypes, reference);
		if (notOffered) throw refuse(notOffered);

		const body = createLinkBody(input);
		const result = await sendToSmileId(this, 'createLink', body, itemIndex, run.settings);
		if (!result.ok) throw result.error;
		const output = linkOutput(linkObjectOf(result.body) ?? {}, {
			userId: input.singleUse ? input.userId : null,
			singleUse: input.singleUse,
			expiresAt: body.expires_at as string,
			disabled: false,
			name: input.name,
			companyName: input.companyName,
			idTypes: input.idTypes as unknown as IDataObject[],
			callbackUrl: input.callbackUrl || null,
			partnerParams: input.partnerParams,
		});
		if (!output.url || !output.refId)
			throw new NodeOperationError(node, "Smile ID's answer holds no link URL or ref_id", {
				itemIndex,
				description:
					'The link may have been created: look for it with Link > Get Many before creating it again. Check the Base URL in the credential.',
			});
		return output;
	},
};
