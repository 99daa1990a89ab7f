import { ArnFormat, Stack } from 'aws-cdk-lib';
import { Grant, type IGrantable } from 'aws-cdk-lib/aws-iam';
import {
  ConfigurationSet,
  ConfigurationSetTlsPolicy,
  DkimIdentity,
  EasyDkimSigningKeyLength,
  EmailIdentity,
  Identity,
  type IEmailIdentity,
  SuppressionReasons,
} from 'aws-cdk-lib/aws-ses';
import { Construct } from 'constructs';

/** Properties of {@link SesSender}. */
export interface SesSenderProps {
  /** The bare address mail is sent from, e.g. `no-reply@example.com`. */
  readonly senderAddress: string;
  /**
   * Domain to verify instead of the single address, signed with Easy DKIM; the sender
   * address must belong to it. Publish the three DKIM CNAME records the stack outputs.
   * @default - the sender address itself is the identity (SES mails it a verification link)
   */
  readonly senderDomain?: string;
  /**
   * Import the identity (the sender address, or `senderDomain`) instead of creating it: it
   * exists in the account already (verified earlier, or created by another stage), and a
   * second `AWS::SES::EmailIdentity` for it would fail with AlreadyExists. The configuration
   * set still applies to every email: the worker names it in each `SendEmail`.
   * @default false - the stack creates the identity
   */
  readonly existingIdentity?: boolean;
  /**
   * The account is in the SES sandbox, where SES authorizes `SendEmail` against each
   * recipient's identity as well: the grant then also covers the account's identities
   * (`identity/*`), which in the sandbox are the verified recipients.
   * @default false
   */
  readonly sandbox?: boolean;
}

/** A DNS record to publish for Easy DKIM. */
export interface DkimRecord {
  readonly name: string;
  readonly value: string;
}

/**
 * The SES v2 side of sending: the verified identity mail is sent from and a
 * configuration set that requires TLS and keeps bouncing or complaining recipients
 * on the account's suppression list (protecting the sender's reputation).
 */
export class SesSender extends Construct {
  /** The verified identity: the sender address, or its domain with Easy DKIM; created or imported. */
  public readonly identity: IEmailIdentity;
  /** The three Easy DKIM CNAME records of a domain identity this construct created; else none. */
  public readonly dkimRecords: readonly DkimRecord[];
  /** The configuration set every email is sent with. */
  public readonly configurationSet: ConfigurationSet;
  /** ARN of the configuration set (`arn:aws:ses:<region>:<account>:configuration-set/<name>`). */
  public readonly configurationSetArn: string;
  /** Whether the send grant covers the sandbox's recipient identities (`identity/*`). */
  public readonly sandboxed: boolean;

  constructor(scope: Construct, id: string, props: SesSenderProps) {
    super(scope, id);

    this.configurationSet = new ConfigurationSet(this, 'ConfigurationSet', {
      suppressionReasons: SuppressionReasons.BOUNCES_AND_COMPLAINTS,
      tlsPolicy: ConfigurationSetTlsPolicy.REQUIRE,
      reputationMetrics: true,
    });
    this.configurationSetArn = Stack.of(this).formatArn({
      service: 'ses',
      resource: 'configuration-set',
      resourceName: this.configurationSet.configurationSetName,
    });

    this.sandboxed = props.sandbox ?? false;
    const domain = props.senderDomain;
    if (props.existingIdentity === true) {
      this.identity = EmailIdentity.fromEmailIdentityName(
        this,
        'Identity',
        domain ?? props.senderAddress,
      );
      this.dkimRecords = [];
      return;
    }
    const identity = new EmailIdentity(this, 'Identity', {
      identity:
        domain === undefined ? Identity.email(props.senderAddress) : Identity.domain(domain),
      // Easy DKIM signs with keys SES manages and rotates; DKIM applies to domains only.
      ...(domain === undefined
        ? {}
        : {
            dkimSigning: true,
            dkimIdentity: DkimIdentity.easyDkim(EasyDkimSigningKeyLength.RSA_2048_BIT),
          }),
      // Also the identity's default configuration set, so no send escapes the suppression rules.
      configurationSet: this.configurationSet,
    });
    this.identity = identity;
    this.dkimRecords = domain === undefined ? [] : identity.dkimRecords;
  }

  /**
   * Allows a principal to send email (`ses:SendEmail` of the SES v2 API) from this
   * identity with this configuration set, and nothing else.
   *
   * Why both resources: SES authorizes SendEmail against the identity and, when the
   * request names one, the configuration set (Amazon SES Developer Guide,
   * "Controlling access to Amazon SES" / SES v2 actions, resources and condition keys).
   * `ses:SendRawEmail` is left out: the SES v2 SendEmail action covers simple and raw content.
   * In the sandbox, SES also authorizes the recipient's identity (the refusal names
   * `identity/<recipient>`), so the grant then covers `identity/*`: every identity of this
   * account and region, which while sandboxed are the sender and the verified recipients.
   *
   * @param grantee - the principal to allow, e.g. the worker function
   */
  public grantSendEmail(grantee: IGrantable): Grant {
    return Grant.addToPrincipal({
      grantee,
      actions: ['ses:SendEmail'],
      resourceArns: [
        this.identity.emailIdentityArn,
        this.configurationSetArn,
        ...(this.sandboxed ? [this.recipientIdentitiesArn] : []),
      ],
    });
  }

  /** `arn:<partition>:ses:<region>:<account>:identity/*`: the account's identities. */
  public get recipientIdentitiesArn(): string {
    return Stack.of(this).formatArn({
      service: 'ses',
      resource: 'identity',
      resourceName: '*',
      arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
    });
  }
}
