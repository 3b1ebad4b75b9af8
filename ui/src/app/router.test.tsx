import { act, fireEvent, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { App } from './App';
import { fakeFetch } from '../test/fakeServer';
import { isLocalPath, matchRoute, signInPath } from './router';

describe('matchRoute', () => {
  it('knows the app’s screens', () => {
    expect(matchRoute('/')).toEqual({ name: 'new-ad' });
    expect(matchRoute('/generations')).toEqual({ name: 'history' });
    expect(matchRoute('/generations/')).toEqual({ name: 'history' });
    expect(matchRoute('/generations/abc-123')).toEqual({ name: 'generation', id: 'abc-123' });
    expect(matchRoute('/generations/abc/extra')).toEqual({ name: 'not-found' });
    expect(matchRoute('/settings')).toEqual({ name: 'not-found' });
    expect(matchRoute('/sign-in')).toEqual({ name: 'sign-in' });
    expect(matchRoute('/share/AQ8t.c2ln')).toEqual({ name: 'share', token: 'AQ8t.c2ln' });
    expect(matchRoute('/share/a/b')).toEqual({ name: 'not-found' });
  });

  it('sends the sign-in page back only to a page of this app', () => {
    expect(signInPath('/generations/abc?x=1')).toBe('/sign-in?next=%2Fgenerations%2Fabc%3Fx%3D1');
    expect(signInPath('/')).toBe('/sign-in');
    expect(isLocalPath('//evil.example/')).toBe(false);
    expect(isLocalPath('/\\evil.example/')).toBe(false);
    expect(isLocalPath('https://evil.example/')).toBe(false);
  });
});

describe('App navigation', () => {
  function start(path: string) {
    fakeFetch({ 'GET /api/master-mode/generations': { status: 200, body: { items: [], page: 0, size: 20, total: 0 } } });
    window.history.replaceState(null, '', path);
    render(<App />);
  }

  it('shows a friendly page for an unknown address', () => {
    start('/nowhere');
    expect(screen.getByRole('heading', { name: 'Page not found' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Create a new ad' })).toHaveAttribute('href', '/');
  });

  it('keeps plain clicks in the app, and back and forward work', async () => {
    const user = userEvent.setup();
    start('/');
    const before = window.history.length;
    await user.click(screen.getByRole('link', { name: 'History' }));
    expect(window.location.pathname).toBe('/generations');
    expect(window.history.length).toBe(before + 1);
    expect(await screen.findByRole('heading', { name: 'History', level: 1 })).toHaveFocus();

    act(() => {
      window.history.back();
    });
    expect(await screen.findByRole('heading', { name: 'New ad' })).toBeInTheDocument();
    act(() => {
      window.history.forward();
    });
    expect(await screen.findByRole('heading', { name: 'History', level: 1 })).toBeInTheDocument();
  });

  it('leaves modifier clicks to the browser', () => {
    start('/');
    const link = screen.getByRole('link', { name: 'History' });
    // Seen after the app's handler; then stopped, since jsdom cannot open tabs.
    const leftToBrowser: boolean[] = [];
    const watch = (event: MouseEvent) => {
      leftToBrowser.push(!event.defaultPrevented);
      event.preventDefault();
    };
    document.addEventListener('click', watch);
    fireEvent.click(link, { ctrlKey: true });
    fireEvent.click(link, { metaKey: true });
    fireEvent.click(link, { shiftKey: true });
    fireEvent.click(link, { button: 1 });
    fireEvent.click(link);
    document.removeEventListener('click', watch);
    expect(leftToBrowser).toEqual([true, true, true, true, false]);
    expect(window.location.pathname).toBe('/generations');
  });
});
