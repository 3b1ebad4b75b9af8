import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { App } from '../app/App';
import { fakeFetch } from '../test/fakeServer';

const LOGIN = '/login';

function openSignIn(path = '/sign-in') {
  window.history.replaceState(null, '', path);
  render(<App />);
  return userEvent.setup();
}

async function signIn(user: ReturnType<typeof userEvent.setup>, name: string, password: string) {
  await user.type(screen.getByLabelText('Name'), name);
  await user.type(screen.getByLabelText('Password'), password);
  await user.click(screen.getByRole('button', { name: 'Sign in' }));
}

describe('SignInPage', () => {
  it('says what the server said when the name or password is wrong, and lets the person try again', async () => {
    fakeFetch({
      [`POST ${LOGIN}`]: { status: 401, body: { status: 401, title: 'Sign-in failed', detail: 'Wrong name or password.' } },
    });
    const user = openSignIn();
    expect(screen.getByRole('heading', { name: 'Sign in', level: 1 })).toBeInTheDocument();
    expect(screen.queryByRole('navigation', { name: 'Main' })).not.toBeInTheDocument();

    await signIn(user, 'alice', 'wrong');

    expect(await screen.findByRole('alert')).toHaveTextContent('Wrong name or password.');
    expect(screen.getByLabelText('Password')).toHaveValue('');
    expect(screen.getByLabelText('Password')).toHaveFocus();
    expect(screen.getByLabelText('Name')).toHaveValue('alice');
    expect(window.location.pathname).toBe('/sign-in');
  });

  it('says how long to wait after too many wrong passwords', async () => {
    fakeFetch({
      [`POST ${LOGIN}`]: {
        status: 429,
        body: { status: 429, title: 'Too many failed sign-ins', detail: 'Too many wrong passwords for this name from here. Try again in 30 seconds.' },
      },
    });
    const user = openSignIn();

    await signIn(user, 'alice', 'guess');

    expect(await screen.findByRole('alert')).toHaveTextContent('Try again in 30 seconds.');
  });

  it('posts the form with the CSRF token, then opens the page that asked for the sign-in', async () => {
    document.cookie = 'XSRF-TOKEN=token-from-the-cookie; path=/';
    const server = fakeFetch({
      [`POST ${LOGIN}`]: { status: 200, body: { username: 'alice' } },
      'GET /api/session': { status: 200, body: { username: 'alice' } },
      'GET /api/master-mode/generations': { status: 200, body: { items: [], page: 0, size: 20, total: 0 } },
    });
    const user = openSignIn('/sign-in?next=%2Fgenerations');

    await signIn(user, ' alice ', 's3cret');

    await waitFor(() => expect(window.location.pathname).toBe('/generations'));
    const post = server.last('POST', LOGIN)!;
    expect(post.headers.get('X-XSRF-TOKEN')).toBe('token-from-the-cookie');
    expect(String(post.body)).toBe('username=alice&password=s3cret');
    expect(await screen.findByText('alice')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Sign out' })).toBeInTheDocument();
  });

  it('never sends the person to another site afterwards', async () => {
    fakeFetch({
      [`POST ${LOGIN}`]: { status: 200, body: { username: 'alice' } },
      'GET /api/session': { status: 200, body: { username: 'alice' } },
    });
    const user = openSignIn('/sign-in?next=%2F%2Fevil.example%2F');

    await signIn(user, 'alice', 's3cret');

    await waitFor(() => expect(window.location.pathname).toBe('/'));
    expect(window.location.search).toBe('');
  });
});

describe('the session', () => {
  it('shows who is signed in, and signing out goes to the sign-in page', async () => {
    document.cookie = 'XSRF-TOKEN=abc; path=/';
    const server = fakeFetch({
      'GET /api/session': { status: 200, body: { username: 'alice' } },
      'POST /logout': { status: 204 },
    });
    window.history.replaceState(null, '', '/');
    render(<App />);
    const user = userEvent.setup();

    await user.click(await screen.findByRole('button', { name: 'Sign out' }));

    await waitFor(() => expect(window.location.pathname).toBe('/sign-in'));
    expect(server.last('POST', '/logout')!.headers.get('X-XSRF-TOKEN')).toBe('abc');
    expect(screen.queryByRole('button', { name: 'Sign out' })).not.toBeInTheDocument();
  });

  it('sends the person to sign in, and back, when the session has ended', async () => {
    fakeFetch({
      'GET /api/session': { status: 401, body: { status: 401, title: 'Sign-in required', detail: 'Sign in first.' } },
      'GET /api/master-mode/generations': { status: 401, body: { status: 401, title: 'Sign-in required', detail: 'Sign in first.' } },
    });
    window.history.replaceState(null, '', '/generations?page=2');
    render(<App />);

    await waitFor(() => expect(window.location.pathname).toBe('/sign-in'));
    expect(new URLSearchParams(window.location.search).get('next')).toBe('/generations?page=2');
    expect(await screen.findByRole('heading', { name: 'Sign in', level: 1 })).toBeInTheDocument();
  });
});
