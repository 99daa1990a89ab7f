/**
 * Error names of a request IAM refused: `AccessDeniedException` from the SES v2 API (a REST
 * JSON API: the SDK names an unmodelled error by its error code, "AccessDeniedException" in the
 * Amazon SES API v2 Reference, Common Errors) and `AccessDenied` from the SES v1 query API.
 */
export const accessDeniedErrorNames: ReadonlySet<string> = new Set([
  'AccessDeniedException',
  'AccessDenied',
]);

// IAM writes the refusal in two shapes; both name the action and the resource:
//   User `arn:…:assumed-role/R/f' is not authorized to perform `ses:SendEmail' on resource `arn:…'
//   User: arn:…:assumed-role/R/f is not authorized to perform: ses:SendEmail on resource: arn:…
const refusalPattern =
  /not authorized to perform:?\s*`?([\w-]+:[\w*]+)'?\s+on resource:?\s*`?(arn:[^\s`']+)/i;
// arn:partition:ses:region:account:identity/<address or domain>
const identityArnPattern = /^(arn:[^:]+:ses:[^:]*:[^:]*:identity\/).+$/;

/**
 * Explains an IAM refusal of `SendEmail` for the DLQ and the logs: which permission on which
 * resource is missing, and what usually grants it, without the identity's name.
 *
 * Why the identity is hidden: in the SES sandbox, SES also authorizes the recipient's own
 * identity, and the refusal then names it (`…:identity/ann@example.com`, or the recipient's
 * domain); the sender's identity is known to the operator anyway. Source: the refusals quoted
 * in aws/aws-sdk-js-v3#2061 and GSA/data.gov#3810, and the SES Developer Guide, "Identity and
 * access management in Amazon SES" (sandbox restrictions).
 *
 * @param message - the error's message, as SES returned it
 * @returns one line naming the missing permission, e.g. `The worker's role may not
 *   ses:SendEmail on arn:aws:ses:eu-west-1:123456789012:identity/[identity]. …`
 */
export function explainAccessDenied(message: string): string {
  const refusal = refusalPattern.exec(message);
  if (refusal === null) {
    return "The worker's role lacks a permission SES requires (SES's message named none). Check its ses:SendEmail grant.";
  }
  const [, action, resourceArn = ''] = refusal;
  const identity = identityArnPattern.exec(resourceArn);
  if (identity === null) {
    return `The worker's role may not ${action} on ${resourceArn}. Grant it there, then redrive.`;
  }
  return (
    `The worker's role may not ${action} on ${identity[1]}[identity]. In the SES sandbox SES also ` +
    "authorizes each recipient's identity: deploy with -c sesSandbox=true (or leave the sandbox), " +
    'or grant the sender identity if it is the sender, then redrive.'
  );
}
