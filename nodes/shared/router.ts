import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { asNodeError, errorFields, invalidParameter } from './errors';
import { readRequestSettings } from './settings';
import { RequestSession, send } from './transport';
import type { ApiDialect, OperationMap } from './types';

/**
 * Runs the chosen operation for every input item, in order. Owns pairing and
 * "On Error: Continue": a failing item becomes the contract's error item, and
 * later items still run.
 */
export async function route(
	this: IExecuteFunctions,
	dialect: ApiDialect,
	operations: OperationMap,
): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const output: INodeExecutionData[] = [];
	const session = new RequestSession(this, dialect);

	try {
		for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
			try {
				const operationName = this.getNodeParameter('operation', itemIndex) as string;
				const operation = operations[operationName];
				if (operation === undefined) {
					throw invalidParameter(
						this.getNode(),
						itemIndex,
						`Unknown operation "${operationName}"`,
						`Choose one of: ${Object.keys(operations).join(', ')}.`,
						'operation',
					);
				}
				const settings = readRequestSettings(this, itemIndex);
				const json = await operation.execute.call(this, {
					itemIndex,
					dialect,
					rootExecutionId: session.ledger.rootExecutionId,
					runIndex: session.ledger.runIndex,
					call: async (spec) => await send(session, spec, settings, itemIndex),
				});
				output.push({ json, pairedItem: { item: itemIndex } });
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
