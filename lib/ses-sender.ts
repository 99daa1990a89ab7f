import { ArnFormat, RemovalPolicy, Stack } from 'aws-cdk-lib';
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
   * Domain to verify instead of the address, signed with Easy DKIM (publish the three CNAME
   * records the stack outputs).
   * @default - the address itself is the identity (SES mails it a verification link)
   */
  readonly senderDomain?: string;
  /**
   * Import the identity instead of creating it: it exists already (verified earlier, or by
   * another stage), and a second `AWS::SES::EmailIdentity` would fail with AlreadyExists.
   * @default false
   */
  readonly existingIdentity?: boolean;
  /**
   * The account is in the SES sandbox, where SES also authorizes `SendEmail` against each
   * recipient's identity: the grant then covers the account's identities (`identity/*`).
   * @default false
   */
  readonly sandbox?: boolean;
}

/**
 * The SES v2 side of sending: the verified identity and a configuration set that requires TLS
 * and keeps bouncing or complaining recipients on the suppression list.
 *
 * An identity it creates is retained when the stack is deleted, in every stage, with the
 * configuration set that is its default: another stage may import it (`existingIdentity`), and
 * deleting it would stop that stage's mail (`MessageRejected`), while a domain created again
 * gets new DKIM tokens to publish and up to 72 hours of verification. SES fails every send
 * from an identity whose default configuration set was deleted (SES Developer Guide, "Managing
 * default configuration sets"), so the two go together. A redeploy after a delete imports it.
 */
export class SesSender extends Construct {
  /** The sender address, or its domain with Easy DKIM; created or imported. */
  public readonly identity: IEmailIdentity;
  /** The Easy DKIM CNAME records of a domain identity this construct created; else none. */
  public readonly dkimRecords: readonly { readonly name: string; readonly value: string }[];
  /** The configuration set every email is sent with. */
  public readonly configurationSet: ConfigurationSet;
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
    identity.applyRemovalPolicy(RemovalPolicy.RETAIN);
    this.configurationSet.applyRemovalPolicy(RemovalPolicy.RETAIN);
    this.identity = identity;
    this.dkimRecords = domain === undefined ? [] : identity.dkimRecords;
  }

  /**
   * Allows a principal `ses:SendEmail` (SES v2, simple and raw content) from this identity with
   * this configuration set, and nothing else: SES authorizes SendEmail against both (SES
   * Developer Guide, "Controlling access to Amazon SES"), and in the sandbox against the
   * recipient's identity too, so the grant then covers `identity/*`.
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
