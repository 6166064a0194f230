/**
 * Shown once, on the first start without RAMPART_ADMIN_PASSWORD: the generated admin password.
 * Written straight to the terminal, never through the logger (no secret in logs).
 */
export function signInBanner(password: string, base: string): string {
  const lines = [
    'FIRST START: an administrator account was created. This password is shown only now:',
    '',
    `    username: admin`,
    `    password: ${password}`,
    '',
    `Sign in: open ${base}/ in a browser, or POST ${base}/api/auth/login`,
    'Change it: npm run rampart -- user passwd admin   (reads the new password from stdin)',
    'Add people: npm run rampart -- user add <name> --role analyst --clearance OFFICIAL',
  ];
  const width = Math.max(...lines.map((l) => l.length)) + 4;
  const rule = '#'.repeat(width);
  return `\n${rule}\n${lines.map((l) => `# ${l.padEnd(width - 4)} #`).join('\n')}\n${rule}\n\n`;
}
