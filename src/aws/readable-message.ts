/**
 * An SDK error's message in words for the person running Escher. The SDK writes some messages
 * for developers (where to find the raw response on the error object, which package logged
 * it); those parts are replaced, the rest of the message kept.
 */
export function readableMessage(message: string, httpStatus?: number): string {
  if (/Deserialization error|\$response/.test(message)) {
    const status = httpStatus === undefined ? '' : ` (HTTP ${httpStatus})`;
    return `the answer could not be read as an AWS answer${status}`;
  }
  return message.replace(/^@smithy\/[\w-]+ - (\[[A-Z]+\] )?/, '');
}
