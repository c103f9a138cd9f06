export { FakeClock } from './fake-clock';
export { makeFakeSecrets } from './fake-secrets';
export { startLoopbackConnectProxy, type LoopbackConnectProxy } from './loopback-connect-proxy';
export { closedLoopbackPort, startLoopbackHttpServer, type LoopbackHttpServer, type RecordedRequest, type ScriptedStep } from './loopback-http-server';
export { startLoopbackSmtpServer, type LoopbackSmtpOptions, type LoopbackSmtpServer, type ReceivedMail } from './loopback-smtp-server';
export { sampleNotification } from './sample-notification';
export { selfSignedCertificate } from './self-signed-cert';
