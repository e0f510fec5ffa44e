import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { asNodeError, errorFields, invalidParameter } from '../errors/errors';
import { SendLedger } from '../reruns/ledger';
import { readRequestSettings } from '../transport/settings';
import { RequestSession, send } from '../transport/transport';
import type { ApiDialect, ResourceMap } from './types';

/**
 * Runs the chosen resource's operation for every input item, in order. Owns pairing and
 * "On Error: Continue": a failing item becomes the contract's error item, and
 * later items still run.
 */
export async function route(
	this: IExecuteFunctions,
	dialect: ApiDialect,
	resources: ResourceMap,
): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const output: INodeExecutionData[] = [];
	const session = new RequestSession(this, dialect, new SendLedger(this));

	try {
		for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
			try {
				const resource = this.getNodeParameter('resource', itemIndex, 'post') as string;
				const operationName = this.getNodeParameter('operation', itemIndex) as string;
				const operation = resources[resource]?.[operationName];
				if (operation === undefined) {
					throw invalidParameter(
						this.getNode(),
						itemIndex,
						`Unknown operation "${operationName}" for "${resource}"`,
						`Choose one of: ${Object.keys(resources[resource] ?? {}).join(', ') || Object.keys(resources).join(', ')}.`,
						'operation',
					);
				}
				const settings = readRequestSettings(this, itemIndex);
				const json = await operation.execute.call(this, {
					itemIndex,
					dialect,
					rootExecutionId: session.ledger.rootExecutionId,
					runIndex: session.ledger.runIndex,
					settings,
					sentBefore: () => session.ledger.find(itemIndex) !== undefined,
					call: async (spec) => await send(session, spec, settings, itemIndex),
				});
				for (const entry of Array.isArray(json) ? json : [json]) {
					output.push({ json: entry, pairedItem: { item: itemIndex } });
				}
			} catch (error) {
				const nodeError = asNodeError(this.getNode(), error, itemIndex);
				if (!this.continueOnFail()) throw nodeError;
				// json holds only `error`, so n8n routes the item to the error output when
				// one is enabled. item.error stays unset: n8n would flatten json to the message.
				output.push({ json: { error: errorFields(nodeError) }, pairedItem: { item: itemIndex } });
			}
		}
	} finally {
		// What was sent is kept in the execution, for n8n's re-runs of this node.
		session.ledger.flush();
	}
	return [output];
}
