package dev.reelsmith.activities.llm;

import dev.reelsmith.activities.copy.CopyActivitiesImpl;
import dev.reelsmith.activities.copy.VideoParamsPlanner;
import dev.reelsmith.activities.storage.MediaStore;
import dev.reelsmith.activities.voice.Narrator;

/** The writing steps with an OpenAI-compatible model writing and judging. */
public final class OpenAiCopy {

  private OpenAiCopy() {}

  /**
   * @param minStoryScore a story scoring below this (0–100) is rewritten, at most twice
   */
  public static CopyActivitiesImpl activities(
      MediaStore store, ChatClient chat, int minStoryScore, Narrator narrator) {
    OpenAiJudge judge = new OpenAiJudge(chat);
    return new CopyActivitiesImpl(
        store,
        new OpenAiCopywriter(chat, store, minStoryScore),
        judge,
        judge,
        new VideoParamsPlanner(),
        narrator);
  }
}
