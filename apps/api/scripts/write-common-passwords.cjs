// Regenerates src/identity/passwords/common-passwords.txt: the first 10,000 entries of zxcvbn-ts's ranked
// password frequency list (most common first).
const { writeFileSync } = require('node:fs');
const { join } = require('node:path');
const { dictionary } = require('@zxcvbn-ts/language-common');

const top = dictionary['passwords-common'].slice(0, 10000);
writeFileSync(join(__dirname, '../src/identity/passwords/common-passwords.txt'), `${top.join('\n')}\n`);
console.log(`wrote ${top.length} passwords`);
