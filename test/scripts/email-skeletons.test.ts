import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { alreadyRegisteredEmailPropsSchema } from '../../emails/already-registered-props.js';
import { verifyEmailPropsSchema } from '../../emails/verify-email-props.js';
import { welcomeEmailPropsSchema } from '../../emails/welcome-props.js';
import { skeletonSlots } from '../../functions/send-email/skeleton-slots.js';
import {
  emailSkeletonsCommand,
  emailSkeletonsModulePath,
  formatEmailSkeletonsModule,
  renderEmailSkeletons,
  templateComponents,
} from '../../scripts/email-skeletons.js';

const propsSchemas = {
  'verify-email': verifyEmailPropsSchema,
  welcome: welcomeEmailPropsSchema,
  'already-registered': alreadyRegisteredEmailPropsSchema,
};

describe('the generated email skeletons', () => {
  it('match a fresh render of the templates', async () => {
    // Prepare
    const committed = await readFile(
      new URL(`../../${emailSkeletonsModulePath}`, import.meta.url),
      'utf8',
    );

    // Act
    const fresh = formatEmailSkeletonsModule(await renderEmailSkeletons());

    // Assess
    expect(
      committed === fresh,
      `${emailSkeletonsModulePath} is out of date with emails/: run ${emailSkeletonsCommand}`,
    ).toBe(true);
  });

  it('cover every template that has a component, and no other', () => {
    // Assess
    expect([...skeletonSlots.keys()].sort()).toEqual([...templateComponents.keys()].sort());
    expect([...skeletonSlots.keys()].sort()).toEqual(Object.keys(propsSchemas).sort());
  });

  it.each(Object.entries(propsSchemas))(
    'make every prop of %s a slot or the locale, so no props go unrendered',
    (templateName, schema) => {
      // Act
      const slots = Object.keys(skeletonSlots.get(templateName) ?? {});

      // Assess
      expect(Object.keys(schema.shape).sort()).toEqual([...slots, 'locale'].sort());
    },
  );
});
