import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { incompleteCredentialMessage, readCredentials } from '../common/credentials';
import { isCredentialRefusal } from '../transport/errorMessages';
import type { NodeError } from './errorItems';

/**
 * Sends nothing more once the credential is known to fail: before the first item when it misses
 * a field, and after Smile ID refused it for one item (every later request would be refused the
 * same way). Each item not sent gets the same error, saying why.
 */
export class CredentialHalt {
	private haltedBy: { error: NodeError; description: string } | undefined;

	/** Checks the credential's fields before anything is sent. */
	static async check(context: IExecuteFunctions): Promise<CredentialHalt> {
		const halt = new CredentialHalt(context);
		const { problems } = readCredentials(await context.getCredentials('smileIdApi'));
		if (problems.length > 0) {
			const error = new NodeOperationError(
				context.getNode(),
				incompleteCredentialMessage(problems),
				{
					description:
						'Open the Smile ID API credential and fill in the fields named above. Nothing was sent.',
				},
			);
			halt.haltedBy = { error, description: error.description ?? '' };
		}
		return halt;
	}

	private constructor(private readonly context: IExecuteFunctions) {}

	/** The error for an item that is not sent, or undefined while the credential may work. */
	errorFor(itemIndex: number): NodeOperationError | undefined {
		if (!this.haltedBy) return undefined;
		const error = new NodeOperationError(this.context.getNode(), this.haltedBy.error.message, {
			itemIndex,
			description: this.haltedBy.description,
		});
		error.context.smileIdCode = this.haltedBy.error.context.smileIdCode;
		return error;
	}

	/** An item failed: when Smile ID refused the credential, later items are not sent. */
	noteFailure(error: NodeError): void {
		if (!isCredentialRefusal(error.context.smileIdCode) || this.haltedBy) return;
		this.haltedBy = {
			error,
			description:
				`Not sent: Smile ID refused the credential for an earlier item. ${error.description ?? ''}`.trim(),
		};
	}
}
