// Front end of the demo app. Depends on vulnerable versions on purpose: see ../README.md.
const http = require('http');
const _ = require('lodash');
const parseArgs = require('minimist');

const options = parseArgs(process.argv.slice(2));
const port = Number(options.port || 3000);

http
  .createServer((req, res) => {
    const defaults = _.defaultsDeep({}, { greeting: 'hello' });
    res.end(JSON.stringify(defaults));
  })
  .listen(port);
