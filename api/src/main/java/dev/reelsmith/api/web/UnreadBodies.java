package dev.reelsmith.api.web;

import dev.reelsmith.workflows.UploadLimits;
import java.util.concurrent.atomic.AtomicBoolean;
import org.reactivestreams.Subscription;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.http.server.reactive.HttpHandlerDecoratorFactory;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Operators;
import reactor.core.publisher.Sinks;
import reactor.util.context.Context;

/**
 * Reads the rest of a request body that the application refused part-way (an image over its limit,
 * too many parts, a wrong content type) before the answer goes out, so the client gets to read the
 * answer. Reelsmith answers no request before reading its body except to refuse it, so whatever is
 * unread when an answer is committed is discarded.
 *
 * <p>Reactor Netty closes the connection after answering a request whose body it has not read to
 * the end. Bytes the client has sent and the server has not read then make the server's system
 * reset the connection, and a client still sending loses the answer with it: it sees "connection
 * reset" instead of 413 (reactor-netty#2944). Web servers that read on, discarding, before they
 * close avoid this; this does the same for at most {@link #MAX_UNREAD_BYTES}. A body announced as
 * larger is not read: the connection closes as before, which is the right answer to a client that
 * announces gigabytes.
 */
@Component
public class UnreadBodies implements HttpHandlerDecoratorFactory {

  /** An image's worth: a refused upload costs at most that much more reading. */
  static final long MAX_UNREAD_BYTES = UploadLimits.MAX_IMAGE_BYTES;

  @Override
  public HttpHandler apply(HttpHandler handler) {
    return (request, response) -> {
      HttpHeaders headers = request.getHeaders();
      long length = headers.getContentLength();
      if (length <= 0 && headers.getFirst(HttpHeaders.TRANSFER_ENCODING) == null) {
        return handler.handle(request, response);
      }
      Body body = new Body(request.getBody(), length);
      response.beforeCommit(body::finish);
      return handler.handle(body.decorate(request), response);
    };
  }

  /** A request body that, once its reader gives up on it, is read on and discarded. */
  private static final class Body {

    private final Flux<DataBuffer> source;
    private final long announced;
    private final AtomicBoolean subscribed = new AtomicBoolean();
    private final Sinks.Empty<Void> done = Sinks.empty();
    private volatile Relay relay;
    private volatile boolean ended;

    Body(Flux<DataBuffer> source, long announced) {
      this.source = source;
      this.announced = announced;
    }

    ServerHttpRequest decorate(ServerHttpRequest request) {
      return new ServerHttpRequestDecorator(request) {
        @Override
        public Flux<DataBuffer> getBody() {
          return Flux.defer(
              () ->
                  subscribed.compareAndSet(false, true)
                      ? Flux.<DataBuffer>from(
                          downstream -> subscribe(Operators.toCoreSubscriber(downstream)))
                      : Flux.error(new IllegalStateException("the request body is read once")));
        }
      };
    }

    private void subscribe(CoreSubscriber<? super DataBuffer> downstream) {
      Relay started = new Relay(downstream);
      relay = started;
      source.subscribe(started);
    }

    /**
     * Before the answer is committed: the rest of the body, which nobody will read now, is read and
     * discarded, and the answer waits for its end. Nothing to wait for when the body has been read
     * to the end, or when more is announced than is worth reading.
     */
    Mono<Void> finish() {
      if (subscribed.compareAndSet(false, true)) {
        if (announced > MAX_UNREAD_BYTES) {
          return Mono.empty();
        }
        subscribe(Discard.INSTANCE);
        return done.asMono();
      }
      Relay current = relay;
      return current != null && current.refused && !ended ? done.asMono() : Mono.empty();
    }

    private void end() {
      ended = true;
      done.tryEmitEmpty();
    }

    /** Passes the body on; once its subscriber cancels, reads the rest and releases it. */
    private final class Relay implements CoreSubscriber<DataBuffer>, Subscription {

      private final CoreSubscriber<? super DataBuffer> downstream;
      private Subscription upstream;
      private volatile boolean refused;
      private long discarded;

      Relay(CoreSubscriber<? super DataBuffer> downstream) {
        this.downstream = downstream;
      }

      @Override
      public Context currentContext() {
        return downstream.currentContext();
      }

      @Override
      public void onSubscribe(Subscription subscription) {
        upstream = subscription;
        downstream.onSubscribe(this);
      }

      @Override
      public void request(long n) {
        if (!refused) {
          upstream.request(n);
        }
      }

      @Override
      public void cancel() {
        if (!refused) {
          refused = true;
          upstream.request(Long.MAX_VALUE);
        }
      }

      @Override
      public void onNext(DataBuffer buffer) {
        if (!refused) {
          downstream.onNext(buffer);
          return;
        }
        discarded += buffer.readableByteCount();
        DataBufferUtils.release(buffer);
        if (discarded > MAX_UNREAD_BYTES) {
          upstream.cancel();
          end();
        }
      }

      @Override
      public void onError(Throwable error) {
        end();
        if (!refused) {
          downstream.onError(error);
        }
      }

      @Override
      public void onComplete() {
        end();
        if (!refused) {
          downstream.onComplete();
        }
      }
    }
  }

  /** The reader of a body nobody read: it gives up at once, so all of it is discarded. */
  private enum Discard implements CoreSubscriber<DataBuffer> {
    INSTANCE;

    @Override
    public void onSubscribe(Subscription subscription) {
      subscription.cancel();
    }

    @Override
    public void onNext(DataBuffer buffer) {
      DataBufferUtils.release(buffer);
    }

    @Override
    public void onError(Throwable error) {}

    @Override
    public void onComplete() {}
  }
}
