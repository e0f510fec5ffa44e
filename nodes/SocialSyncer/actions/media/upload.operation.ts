import { mediaUploadOperation } from '../../../shared/operations/mediaUpload.operation';

// Presigned uploads (dialect.media.presignPath), up to 5 GB.
export const { description, execute } = mediaUploadOperation();
