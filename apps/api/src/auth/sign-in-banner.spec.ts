import { signInBanner } from './sign-in-banner';

describe('signInBanner', () => {
  it('shows the username, the password once and how to change it, in a box of equal lines', () => {
    const b = signInBanner('s3cret-Generated-Pw', 'http://127.0.0.1:3000');
    expect(b).toContain('# username: admin'.replace('# ', '#     '));
    expect(b.match(/s3cret-Generated-Pw/g)).toHaveLength(1);
    expect(b).toContain('POST http://127.0.0.1:3000/api/auth/login');
    expect(b).toContain('open http://127.0.0.1:3000/ in a browser');
    expect(b).toContain('npm run rampart -- user passwd admin');
    const boxed = b.trim().split('\n');
    expect(new Set(boxed.map((l) => l.length)).size).toBe(1);
  });
});
