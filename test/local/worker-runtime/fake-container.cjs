// A stand-in worker container for the pool tests: answers `invoke` per the first record's
// body: `answer` replies at once with its pid, slot and file name, `hang` never replies,
// `throw` replies an error.
'use strict';
if (process.env.FAKE_CONTAINER_FAIL_START === '1') {
  console.error('ConfigurationError: MAIL_SENDER is not set');
  process.exit(1);
}
process.on('message', (message) => {
  const body = message?.event?.Records?.[0]?.body;
  const reply = (rest) => process.send({ invocationId: message.invocationId, ...rest });
  if (body === 'answer')
    reply({
      type: 'result',
      response: {
        pid: process.pid,
        slot: process.env.SLOT,
        file: require('node:path').basename(__filename),
      },
    });
  else if (body === 'throw') reply({ type: 'error', error: 'Error: boom' });
});
process.send({ type: 'ready' });
