package org.entente.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResponseValidityTest {

    private static List<Integer> answers(int count, int rating) {
        return new ArrayList<>(Collections.nCopies(count, rating));
    }

    @Test
    void oneAnswerPerStatementFromOneToFiveCounts() {
        assertThat(ResponseValidity.isValid(answers(20, 1), 20)).isTrue();
        assertThat(ResponseValidity.isValid(answers(20, 5), 20)).isTrue();
        assertThat(ResponseValidity.firstProblem(answers(20, 3), 20)).isEmpty();
    }

    @Test
    void theWrongNumberOfAnswersIsRefusedFirst() {
        assertThat(ResponseValidity.firstProblem(answers(19, 9), 20)).get()
                .satisfies(p -> assertThat(p.code()).isEqualTo(ResponseValidity.WRONG_ANSWER_COUNT))
                .satisfies(p -> assertThat(p.message()).contains("must have 20 answers").contains("has 19"));
        assertThat(ResponseValidity.isValid(answers(21, 3), 20)).isFalse();
        assertThat(ResponseValidity.isValid(null, 20)).isFalse();
    }

    @Test
    void anAnswerOffTheScaleOrMissingNamesItsStatement() {
        List<Integer> answers = answers(20, 3);
        answers.set(6, 6);
        assertThat(ResponseValidity.firstProblem(answers, 20)).get()
                .satisfies(p -> assertThat(p.code()).isEqualTo(ResponseValidity.ANSWER_OUT_OF_RANGE))
                .satisfies(p -> assertThat(p.message()).contains("statement 7 is 6"));
        answers.set(6, 0);
        assertThat(ResponseValidity.isValid(answers, 20)).isFalse();
        answers.set(6, null);
        assertThat(ResponseValidity.isValid(answers, 20)).isFalse();
        assertThat(ResponseValidity.onScale(1)).isTrue();
        assertThat(ResponseValidity.onScale(5)).isTrue();
        assertThat(ResponseValidity.onScale(0)).isFalse();
    }
}
