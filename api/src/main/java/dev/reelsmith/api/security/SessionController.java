package dev.reelsmith.api.security;

import java.security.Principal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Who is signed in, for the web UI's header. Signing in and out are Spring Security's: {@code POST
 * /login} (form fields {@code username}, {@code password}) and {@code POST /logout}.
 */
@RestController
public class SessionController {

  @GetMapping("/api/session")
  SecurityResponses.Session session(Principal principal) {
    return new SecurityResponses.Session(principal.getName());
  }
}
