import { createOperation } from '../../../shared/operations/create.operation';
import { createConfig } from '../../dialect';

// With Options → Bulk, items go through Schedulala's bulk create (createConfig.bulk).
export const { description, execute, bulkSize, sendBatch } = createOperation(createConfig);
